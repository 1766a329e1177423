package understand

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/frontdesk/frontdesk/prompts"
	"go.yaml.in/yaml/v3"
)

// Lexicon is the word lists the rules read, merged from every locale's
// files in prompts/lexicon (a Chinese customer may type "OK", an English one
// paste a Chinese address, so every message is read with all of them).
type Lexicon struct {
	// Intents maps a flow (or off_topic, cancel, human) to its cues.
	Intents map[string]Cues `yaml:"intents"`
	// Negators turn the cue after them around (不, 别, not, rather not).
	Negators []string `yaml:"negators"`
	// Incidental phrases hold a cue word that means nothing here (取消打印
	// is a printer's button, 状态灯 a lamp); they are blanked before scoring.
	Incidental []string `yaml:"incidental"`
	// IncidentalPatterns are regular expressions blanked the same way
	// (联系人刘经理: a title, not a request for a manager).
	IncidentalPatterns []string `yaml:"incidental_patterns"`
	// Choices maps a choice slot (salutation, proof, mode, warranty, yesno,
	// decision, skip) to its codes and the ways people say each.
	Choices map[string]map[string][]string `yaml:"choices"`

	// Fields maps a slot to the words that name it in a correction
	// ("地址写错了"); ValueMarkers come before the new value ("应该是").
	Fields       map[string][]string `yaml:"fields"`
	ValueMarkers []string            `yaml:"value_markers"`

	// Products are the things the desk repairs, by trade.
	Products []Product `yaml:"products"`
	// Brands are makers' names as customers write them.
	Brands []string `yaml:"brands"`
	// Faults maps a trade to fault phrases (不制冷, won't spin).
	Faults map[string][]string `yaml:"faults"`
	// ErrorCodeMarkers come before an error code (显示E4, shows SC542): a
	// code after one is part of the fault, not the model.
	ErrorCodeMarkers []string `yaml:"error_code_markers"`
	// FaultPatterns are regular expressions of fault shapes (不亮, won't
	// turn, shows E2), counted only in a message that names a product.
	FaultPatterns []string `yaml:"fault_patterns"`
	// FaultShapes are words of the same kind found like phrases (漏, 裂,
	// leaking, cracked): counted only in a message that names a product.
	FaultShapes []string `yaml:"fault_shapes"`
	// ModelPatterns are regular expressions of model-code shapes.
	ModelPatterns []string `yaml:"model_patterns"`
	// BrandPatterns find a maker the brand list does not know, by how it
	// is said (牌子是X, 中控的, "brand is X", "IFB make"): the first
	// capture group is the brand.
	BrandPatterns []string `yaml:"brand_patterns"`
	// NotBrand holds the words that rule a captured brand out (买, 你们,
	// new): 刚买的 and 公司的 are no maker.
	NotBrand []string `yaml:"not_brand"`

	// CallbackAnswers are the ways of answering the callback's "is it
	// working now?", by kind (refuse, busy, fine, broken, working).
	CallbackAnswers map[string][]string `yaml:"callback_answers"`
	// QuestionEndings end a question (?, 吗, 呢).
	QuestionEndings []string `yaml:"question_endings"`
	// FaultTails lead from a fault into a fact said after it in one clause
	// (希望, "call me on"): they leave the fault's text with the fact.
	FaultTails []string `yaml:"fault_tails"`
	// SerialMarkers come before a serial number (SN, 序列号).
	SerialMarkers []string `yaml:"serial_markers"`

	// Pinyin lists the syllables of Mandarin in pinyin: a message written
	// only in them (dayinji huai le) is Chinese.
	Pinyin []string `yaml:"pinyin"`

	// Words feeds the slot extractors (dates, names, addresses, times).
	Words SlotWords `yaml:"slots"`

	pinyin     map[string]bool
	serialRe   lexRe
	incidental []lexRe
	models     []*regexp.Regexp
	faultRes   []lexRe
	brandRes   []lexRe
}

// Cues are the phrases that point to one reading: strong ones decide
// alone, weak ones only together or against nothing else.
type Cues struct {
	Strong []string `yaml:"strong"`
	Weak   []string `yaml:"weak"`
}

// Product is one kind of thing the desk repairs.
type Product struct {
	Name    string   `yaml:"name"`    // what the ticket records
	Trade   string   `yaml:"trade"`   // tiles, office, appliance, sorter, telecom
	Mode    string   `yaml:"mode"`    // on_site for what is fixed in place; "" asks
	Aliases []string `yaml:"aliases"` // the ways customers write it
}

// LoadLexicon reads and merges the lexicon files of every locale.
func LoadLexicon() (*Lexicon, error) {
	lx := &Lexicon{}
	for _, loc := range prompts.Locales {
		files, err := prompts.LexiconFiles(loc)
		if err != nil {
			return nil, err
		}
		for name, raw := range files {
			var part Lexicon
			if err := yaml.Unmarshal(raw, &part); err != nil {
				return nil, fmt.Errorf("understand: lexicon %s: %w", name, err)
			}
			lx.merge(&part)
		}
	}
	for _, p := range lx.IncidentalPatterns {
		re, err := newLexRe(p)
		if err != nil {
			return nil, fmt.Errorf("understand: incidental pattern %q: %w", p, err)
		}
		lx.incidental = append(lx.incidental, re)
	}
	for _, p := range lx.FaultPatterns {
		re, err := newLexRe(p)
		if err != nil {
			return nil, fmt.Errorf("understand: fault pattern %q: %w", p, err)
		}
		lx.faultRes = append(lx.faultRes, re)
	}
	for _, p := range lx.BrandPatterns {
		re, err := newLexRe(p)
		if err != nil || re.NumSubexp() < 1 {
			return nil, fmt.Errorf("understand: brand pattern %q: needs a group: %v", p, err)
		}
		lx.brandRes = append(lx.brandRes, re)
	}
	for _, p := range lx.ModelPatterns {
		re, err := regexp.Compile(p)
		if err != nil {
			return nil, fmt.Errorf("understand: model pattern %q: %w", p, err)
		}
		lx.models = append(lx.models, re)
	}
	if len(lx.SerialMarkers) > 0 {
		ms := append([]string(nil), lx.SerialMarkers...)
		sort.Slice(ms, func(i, j int) bool { return len(ms[i]) > len(ms[j]) }) // "serial number" before "serial"
		var alts []string
		for _, m := range ms {
			alts = append(alts, regexp.QuoteMeta(m))
		}
		// the marker, a colon, # or one linking character (是), then the serial
		re := regexp.MustCompile(`(?i)(?:` + strings.Join(alts, "|") + `)\s*(?:[:#]|\p{Han})?\s*([A-Z0-9][A-Z0-9\-]{4,24})`)
		lx.serialRe = lexRe{Regexp: re, any: true, needs: lower(ms)}
	}
	for _, codes := range lx.Choices { // matched against lowercased text
		for code, ws := range codes {
			for i, w := range ws {
				ws[i] = strings.ToLower(w)
			}
			codes[code] = ws
		}
	}
	lx.pinyin = map[string]bool{}
	for _, s := range lx.Pinyin {
		lx.pinyin[s] = true
	}
	return lx, lx.Words.compile()
}

// merge adds part's lists to lx.
func (lx *Lexicon) merge(p *Lexicon) {
	if lx.Intents == nil {
		lx.Intents = map[string]Cues{}
	}
	for k, c := range p.Intents {
		have := lx.Intents[k]
		have.Strong = append(have.Strong, c.Strong...)
		have.Weak = append(have.Weak, c.Weak...)
		lx.Intents[k] = have
	}
	lx.Negators = append(lx.Negators, p.Negators...)
	lx.Incidental = append(lx.Incidental, p.Incidental...)
	lx.IncidentalPatterns = append(lx.IncidentalPatterns, p.IncidentalPatterns...)
	if lx.Choices == nil {
		lx.Choices = map[string]map[string][]string{}
	}
	for slot, codes := range p.Choices {
		if lx.Choices[slot] == nil {
			lx.Choices[slot] = map[string][]string{}
		}
		for code, ws := range codes {
			lx.Choices[slot][code] = append(lx.Choices[slot][code], ws...)
		}
	}
	if lx.Fields == nil {
		lx.Fields = map[string][]string{}
	}
	for slot, ws := range p.Fields {
		lx.Fields[slot] = append(lx.Fields[slot], ws...)
	}
	lx.ValueMarkers = append(lx.ValueMarkers, p.ValueMarkers...)
	lx.Products = append(lx.Products, p.Products...)
	lx.Brands = append(lx.Brands, p.Brands...)
	if lx.Faults == nil {
		lx.Faults = map[string][]string{}
	}
	for trade, fs := range p.Faults {
		lx.Faults[trade] = append(lx.Faults[trade], fs...)
	}
	lx.ModelPatterns = append(lx.ModelPatterns, p.ModelPatterns...)
	lx.BrandPatterns = append(lx.BrandPatterns, p.BrandPatterns...)
	lx.NotBrand = append(lx.NotBrand, p.NotBrand...)
	lx.FaultPatterns = append(lx.FaultPatterns, p.FaultPatterns...)
	lx.FaultShapes = append(lx.FaultShapes, p.FaultShapes...)
	lx.ErrorCodeMarkers = append(lx.ErrorCodeMarkers, p.ErrorCodeMarkers...)
	lx.Pinyin = append(lx.Pinyin, p.Pinyin...)
	lx.QuestionEndings = append(lx.QuestionEndings, p.QuestionEndings...)
	if lx.CallbackAnswers == nil {
		lx.CallbackAnswers = map[string][]string{}
	}
	for k, ws := range p.CallbackAnswers {
		for _, w := range ws {
			lx.CallbackAnswers[k] = append(lx.CallbackAnswers[k], strings.ToLower(w))
		}
	}
	lx.SerialMarkers = append(lx.SerialMarkers, p.SerialMarkers...)
	for _, w := range p.FaultTails {
		lx.FaultTails = append(lx.FaultTails, strings.ToLower(w))
	}
	// longest first: "call me on" is cut whole, not its "on" alone
	sort.SliceStable(lx.FaultTails, func(i, j int) bool { return len(lx.FaultTails[i]) > len(lx.FaultTails[j]) })
	lx.Words.merge(&p.Words)
}
