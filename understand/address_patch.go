package understand

import (
	"regexp"
	"sort"
	"strings"
)

// PatchAddress applies a part of an address given as a correction ("应该是
// 90号", "it's flat 5C") to the address it corrects: each unit the part
// names (90号, 5号楼, 2单元, flat 5C) replaces the same unit of old. ok is
// false when old has no such unit to replace; the caller then keeps both.
func (r *Rules) PatchAddress(old, part string) (string, bool) {
	res := r.unitRes()
	patched, any := old, false
	for _, re := range res {
		for _, m := range re.FindAllStringSubmatch(part, -1) {
			unit := strings.ToLower(m[re.SubexpIndex("unit")])
			locs := re.FindAllStringSubmatchIndex(patched, -1)
			for k := len(locs) - 1; k >= 0; k-- { // the last such unit: the most precise
				l := locs[k]
				if strings.ToLower(patched[l[2*re.SubexpIndex("unit")]:l[2*re.SubexpIndex("unit")+1]]) == unit {
					patched = patched[:l[0]] + m[0] + patched[l[1]:]
					any = true
					break
				}
			}
		}
	}
	return patched, any
}

// unitRes are the shapes of an address unit: a number and its suffix in
// Chinese (90号, 5号楼, 2单元), the unit word and its number in English
// (flat 5C, room 1803), longest suffixes first.
func (r *Rules) unitRes() []*regexp.Regexp {
	r.unitOnce.Do(func() {
		w := &r.lx.Words
		var zh, en []string
		for _, s := range w.UnitSuffixes {
			zh = append(zh, regexp.QuoteMeta(s))
		}
		for _, s := range w.AddressUnits {
			if isASCII(s) && len(s) > 1 {
				en = append(en, regexp.QuoteMeta(s))
			}
		}
		byLen := func(a []string) {
			sort.Slice(a, func(i, j int) bool { return len(a[i]) > len(a[j]) })
		}
		byLen(zh)
		byLen(en)
		if len(zh) > 0 {
			r.units = append(r.units, regexp.MustCompile(`[0-9A-Za-z]+(?P<unit>`+strings.Join(zh, "|")+`)`))
		}
		if len(en) > 0 {
			r.units = append(r.units, regexp.MustCompile(`(?i)\b(?P<unit>`+strings.Join(en, "|")+`)\s*#?\s*[0-9][0-9A-Za-z-]*`))
		}
	})
	return r.units
}
