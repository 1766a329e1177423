package understand

import "testing"

func TestLooksLikeRequest(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in string
		want     bool
	}{
		{"wants", "我要报修", true},
		{"would like", "我想取消", true},
		{"no need", "不用了", true},
		{"help me", "帮我查一下进度", true},
		{"cancel", "这个报修取消吧", true},
		{"english want", "yes, I want to report a fault", true},
		{"english cancel", "please cancel it", true},
		{"english can you", "can you send someone", true},
		{"talk to a person", "I need to talk to a person", true},
		{"a name", "张伟", false},
		{"a product", "洗衣机", false},
		{"a model", "KFR-35GW", false},
		{"a fault is no request", "洗衣机坏了,不转", false},
		{"an english fault", "it's not working, makes a noise", false},
		{"a fault with why", "不知道为什么不制冷", false},
		{"a latin name", "Sarah Lee", false},
		{"empty", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := lx.LooksLikeRequest(Normalize(c.in)); got != c.want {
				t.Fatalf("LooksLikeRequest(%q) = %v, want %v", c.in, got, c.want)
			}
		})
	}
}
