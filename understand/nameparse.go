package understand

import (
	"strings"
	"unicode/utf8"
)

// ParseName reads answer as the answer to "what is your name": 王, 王先生,
// 张伟, 叫我老王就行 (王, no salutation: 老 says no gender), 我姓李，女的
// (李, ms), 木子李 (李), 联系人写刘经理就行, Smith, Mr. Smith, Sarah, Wang
// xiansheng. A Chinese name is 1 to
// 4 characters from a surname, and a title. Requests, questions, digits,
// sentences, keyboard runs and more than 20 characters are refused.
func (lx *Lexicon) ParseName(answer string) (name, salutation string, ok bool) {
	c := &lx.Words.sets
	s := strings.Trim(answer, " .!~"+marks().stops)
	if s == "" || utf8.RuneCountInString(s) > 40 || strings.ContainsAny(s, "0123456789?@/") ||
		lx.LooksLikeRequest(s) || c.questions.has(s) {
		return "", "", false
	}
	head, sal := s, 0
	// 我姓李，女的
	if k := strings.IndexAny(s, ",;"+marks().pauses); k >= 0 && !lx.Words.onlyTails(s, k+1) && !lx.Words.spelledOut(s, k+1) {
		head = strings.TrimSpace(s[:k])
		v, ok := lx.ParseSalutation(s[k+1:])
		if !ok || v == "none" {
			return "", "", false
		}
		sal = salRoles[v]
	}
	j := 0
	if m, e := c.nameMark.at(head, 0); m != nil {
		if j = skipSpaces(head, e); j < len(head) && head[j] == ':' {
			j = skipSpaces(head, j+1)
		}
	}
	if j >= len(head) || utf8.RuneCountInString(head[j:]) > 20 {
		return "", "", false
	}
	var a, b, stop int
	value := ""
	if head[j] >= utf8.RuneSelf {
		h, ok := lx.hanName(head, j, nmAnswer)
		if !ok {
			return "", "", false
		}
		a, b, stop, value = h.start, h.end, h.stop, h.value
		if h.sal != 0 {
			sal = h.sal
		}
	} else {
		keep := -1
		if t, te := c.honBefore.at(head, j); t != nil {
			if t.role == sKeep {
				keep = j
			} else {
				sal = t.role
			}
			if te < len(head) && head[te] == '.' {
				te++
			}
			j = skipSpaces(head, te)
		}
		if a, b, ok = lx.latinName(head, j, false); !ok {
			return "", "", false
		}
		if keep >= 0 {
			a = keep
		}
		stop = b
		if t, te := c.honAfter.at(head, skipSpaces(head, b)); t != nil && t.role != sKeep {
			sal, stop = t.role, te
		}
	}
	if stop < len(head) && head[stop] == ',' {
		stop++
	}
	if !lx.Words.onlyTails(head, stop) && !lx.Words.spelledOut(head, stop) {
		return "", "", false
	}
	if value == "" {
		value = head[a:b]
	}
	return value, salCodes[sal], true
}

// spelledOut says s holds after i only a surname spelled out (李女士，木子李).
func (w *SlotWords) spelledOut(s string, i int) bool {
	sp, e := w.sets.spellings.at(s, skipSpaces(s, i))
	return sp != nil && w.onlyTails(s, e)
}

// onlyTails says s holds nothing after i but words that may end an
// answer (就行, 吧, please).
func (w *SlotWords) onlyTails(s string, i int) bool {
	for i = skipSpaces(s, i); i < len(s); i = skipSpaces(s, i) {
		t, e := w.sets.nameTails.at(s, i)
		if t == nil {
			return false
		}
		i = e
	}
	return true
}

// ParseSalutation reads answer as the answer to "how should we address
// you": mr (先生, 男的, 我是男生, 叫我王先生, Sir, a man), ms (女士, 小姐, 女,
// Mrs, Miss, madam, I'm a woman) or none (直接叫名字, 都行, just use my
// name). An answer naming no gender (叫我老王就行) or both is not one.
func (lx *Lexicon) ParseSalutation(answer string) (string, bool) {
	s := strings.TrimSpace(answer)
	if s == "" || utf8.RuneCountInString(s) > 30 {
		return "", false
	}
	seen := map[int]bool{}
	for i := 0; ; {
		ph, _, e := lx.Words.sets.salutations.find(s, i)
		if ph == nil {
			break
		}
		seen[ph.role], i = true, e
	}
	switch {
	case seen[sNone]:
		return "none", true
	case seen[sMr] && !seen[sMs]:
		return "mr", true
	case seen[sMs] && !seen[sMr]:
		return "ms", true
	}
	return "", false
}
