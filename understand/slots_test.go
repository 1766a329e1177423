package understand

import (
	"testing"
	"unicode/utf8"
)

// benchMessages are long messages as customers type them, each holding
// several facts or none.
var benchMessages = []string{
	"我家海尔洗衣机漏水，去年5月买的，地址北京市朝阳区建国路88号3单元502，电话13800138000，我姓王，明天下午上门",
	"你好，格力空调不制冷了，KFR-35GW，前年双十一在京东买的，联系人刘经理，手机139-1234-5678，工作日晚上都可以",
	"打印机卡纸，序列号CN12345678，2024年3月5日购买，送修的话地址是上海浦东张江路100弄5号，找王先生，周六上午",
	"Hi, this is Sarah Lee. My Bosch dishwasher stopped draining yesterday. I bought it last May. Address: Flat 3, 12 Baker Street, London. Call me on +44 7700 900123, any time after 5",
	"my fridge is not cooling since Monday, had it for about two years, 88 Century Ave, Pudong, Shanghai, phone +86 138 0013 8000, tomorrow morning please",
	"查一下 FD-1042 进度，都三天了还没消息，我的电话是13800138000",
	"点钞机报错E3，用了两年了，昨天开始频繁卡钞，广州天河区体育西路101号，李女士，下周一上午10点以后",
	"瓷砖空鼓，装修完半年，地址朝阳区望京SOHO T1 1203，联系电话010-12345678，随时都可以",
	"I'm having trouble with my printer, it keeps jamming, the order no. 2026113012345 was last month, can someone come Saturday?",
	"您好，我是老客户了，上次修过的微波炉又坏了，还是不加热，能不能尽快安排师傅上门，谢谢",
}

// BenchmarkExtractors runs every Find* on each message, as the rules do
// once per message.
func BenchmarkExtractors(b *testing.B) {
	lx := testLexicon(b)
	msgs := make([]string, len(benchMessages))
	for i, m := range benchMessages {
		msgs[i] = Normalize(m)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m := msgs[i%len(msgs)]
		lx.FindPhone(m)
		lx.FindPurchase(m, testNow)
		lx.FindName(m)
		lx.FindAddress(m)
		lx.FindTime(m, testNow)
		lx.FindTicket(m)
	}
}

// BenchmarkEachExtractor times the extractors one by one over the same
// messages.
func BenchmarkEachExtractor(b *testing.B) {
	lx := testLexicon(b)
	msgs := make([]string, len(benchMessages))
	for i, m := range benchMessages {
		msgs[i] = Normalize(m)
	}
	for name, fn := range map[string]func(string){
		"phone":    func(m string) { lx.FindPhone(m) },
		"purchase": func(m string) { lx.FindPurchase(m, testNow) },
		"name":     func(m string) { lx.FindName(m) },
		"address":  func(m string) { lx.FindAddress(m) },
		"time":     func(m string) { lx.FindTime(m, testNow) },
		"ticket":   func(m string) { lx.FindTicket(m) },
	} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				fn(msgs[i%len(msgs)])
			}
		})
	}
}

// FuzzExtractors checks that no text makes an extractor panic, return a
// span outside the text or a value that cuts a character in two.
func FuzzExtractors(f *testing.F) {
	for _, m := range benchMessages {
		f.Add(m)
	}
	for _, m := range []string{"FD-", "2024-", "2024/1/", "+", "(", "+(", "去年", "3/", "一", "十十", "下周", "Mr.", "地址:", "12 Baker St", ", ,", "5号", "两点", "木子李"} {
		f.Add(m)
	}
	lx := testLexicon(f)
	f.Fuzz(func(t *testing.T, raw string) {
		text := Normalize(raw)
		check := func(name string, fo Found, ok bool) {
			if ok && (fo.Start < 0 || fo.End > len(text) || fo.Start > fo.End) {
				t.Fatalf("%s(%q): span %d:%d outside the text", name, text, fo.Start, fo.End)
			}
			if ok && utf8.ValidString(text) && !utf8.ValidString(fo.Value) {
				t.Fatalf("%s(%q): value %q cuts a character", name, text, fo.Value)
			}
		}
		fo, ok := lx.FindPhone(text)
		check("FindPhone", fo, ok)
		fo, ok = lx.FindPurchase(text, testNow)
		check("FindPurchase", fo, ok)
		for _, fo := range lx.FindName(text) {
			check("FindName", fo, true)
		}
		fo, ok = lx.FindAddress(text)
		check("FindAddress", fo, ok)
		fo, ok = lx.FindTime(text, testNow)
		check("FindTime", fo, ok)
		fo, ok = lx.FindTicket(text)
		check("FindTicket", fo, ok)
		lx.ParseName(text)
		lx.ParseSalutation(text)
		lx.ParseAddress(text)
		lx.ParsePurchase(text, testNow)
		lx.ParseTime(text, testNow)
		lx.LooksLikeRequest(text)
	})
}
