package understand

import "testing"

func TestWordSet(t *testing.T) {
	p := &wordSet{}
	p.add(1, 0, "mr", "mrs", "先生", "下午", "下", "a couple of", "no.")
	p.index()
	for _, c := range []struct {
		name, in string
		from     int
		want     string // the word found, "" for none
	}{
		{"case is ignored", "Dear MR Chen", 0, "mr"},
		{"longest wins", "Mrs Wang", 0, "mrs"},
		{"not inside a word", "mrsmith", 0, ""},
		{"not after a letter", "hmr", 0, ""},
		{"chinese has no edges", "王先生你好", 0, "先生"},
		{"longest chinese", "明天下午", 0, "下午"},
		{"phrase", "for A Couple Of weeks", 0, "a couple of"},
		{"phrase needs its edge", "a couple often", 0, ""},
		{"punctuation end", "no.5", 0, "no."},
		{"from", "mr mr", 1, "mr"},
		{"empty", "", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ph, s, e := p.find(c.in, c.from)
			got := ""
			if ph != nil {
				got = ph.w
				if e-s != len(ph.w) {
					t.Fatalf("find(%q) span %d:%d for %q", c.in, s, e, ph.w)
				}
			}
			if got != c.want {
				t.Fatalf("find(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
	if ph, s := p.before("叫我王先生", len("叫我王先生")); ph == nil || ph.w != "先生" || s != len("叫我王") {
		t.Fatalf("before = %v, %d", ph, s)
	}
}
