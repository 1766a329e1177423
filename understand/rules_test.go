package understand

import (
	"maps"
	"slices"
	"sync"
	"testing"
	"time"
)

// corpusNow is the corpus's "today": Monday 2026-11-30, 10:00 in Shanghai.
var corpusNow = time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))

var rulesOnce = sync.OnceValues(Default)

func testRules(t testing.TB) *Rules {
	t.Helper()
	r, err := rulesOnce()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// TestTraps: one word must not decide a message that means something else.
func TestTraps(t *testing.T) {
	r := testRules(t)
	for _, c := range []struct{ name, text, flow string }{
		{"a contact's title is not a manager", "联系人刘经理，电话13800138000，复印机卡纸", FlowReport},
		{"a printer's cancel button", "点了取消打印还是一直卡着", FlowReport},
		{"a status lamp", "路由器状态灯不亮", FlowReport},
		{"someone to come is a visit", "找人上门看看热水器不出热水", FlowReport},
		{"a warranty word in a report", "the warranty card says 2 years but it broke after 8 months, can you fix it", FlowReport},
		{"a fault asked as a question", "我想问一下，空调不制冷怎么回事，能上门吗", FlowReport},
		{"thanks, but broken again", "谢谢，不过洗衣机又坏了", FlowReport},
		{"plain fault words", "冰箱不制冷了", FlowReport},
		{"british", "my washing machine has packed in", FlowReport},
		{"tiles", "客厅瓷砖空鼓了好几块", FlowReport},
		{"traditional", "投訴，你們師傅態度太差", FlowComplaint},
		{"an indirect complaint", "说好上午来，下午四点才到，电话也不接", FlowComplaint},
		{"a warranty question", "保修期多久", FlowConsult},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := r.Understand(Context{}, c.text, corpusNow)
			if got := res.Flow(); got != c.flow {
				t.Errorf("%q: flow %q, want %q (commands %+v)", c.text, got, c.flow, res.Commands)
			}
		})
	}
}

func TestQuoteDecisions(t *testing.T) {
	r := testRules(t)
	for text, want := range map[string]string{
		"行，修吧":                        "accept",
		"可以，就按这个价钱修":                  "accept",
		"I'd rather not go ahead":     "decline",
		"太贵了算了不修了":                    "decline",
		"ok go ahead with the repair": "accept",
	} {
		res := r.Understand(Context{}, text, corpusNow)
		if res.Flow() != FlowQuote || res.Slots()[SlotDecision] != want {
			t.Errorf("%q: %+v, want quote %s", text, res.Commands, want)
		}
	}
}

func TestLocale(t *testing.T) {
	r := testRules(t)
	for _, c := range []struct {
		text, loc string
		clear     bool
	}{
		{"dayinji huai le", "zh-CN", true},
		{"asdfgh", "en", false},
		{"HP M1136", "en", false},
		{"yes, I want to report a fault", "en", true},
		{"我的HP printer卡纸了", "zh-CN", true},
		{"My address is 北京市朝阳区建国路88号, please come tomorrow", "en", true},
		{"13800138000", "", false},
	} {
		loc, clear := r.DetectLocale(Normalize(c.text))
		if loc != c.loc || clear != c.clear {
			t.Errorf("DetectLocale(%q) = %q %v, want %q %v", c.text, loc, clear, c.loc, c.clear)
		}
	}
}

// BenchmarkUnderstand measures understanding one message on the rules
// path: normalising, weighing cues and extracting every fact.
func BenchmarkUnderstand(b *testing.B) {
	r := testRules(b)
	msgs := []string{
		"我家海尔洗衣机XQG80脱水时漏水，去年5月买的，在保修期，地址北京市朝阳区建国路88号3单元502，电话13800138000，明天下午上门可以吗",
		"Hi, my HP LaserJet M404dn keeps jamming, bought it last May, I have the receipt. Call me on +44 7700 900123, Sarah Lee",
		"说好上午来，下午四点才到，电话也不接",
		"FD-1042 修好了吗",
		"行，修吧",
		"客厅瓷砖空鼓了好几块，去年装修的，能派人来看看吗",
		"點鈔機一直報假幣，怎麼辦",
		"保修期多久",
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r.Understand(Context{}, msgs[i%len(msgs)], corpusNow)
	}
}
