package understand

import "testing"

func TestFindPurchase(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in, want string }{
		// Chinese, relative
		{"last year's month", "去年5月买的", "2025-05"},
		{"last year alone", "这台是去年买的", "2025"},
		{"year before last on singles day", "前年双十一在京东买的", "2024-11-11"},
		{"last month", "上个月刚买的", "2026-10"},
		{"this year with day", "今年3月15号买的", "2026-03-15"},
		{"half a year ago", "半年前买的", "2026-05"},
		{"two years ago", "两年前买的洗衣机", "2024-11"},
		{"three months ago", "3个月前买的", "2026-08"},
		{"last week", "上周买的,今天就坏了", "2026-11"},
		{"yesterday", "昨天刚买的", "2026-11-29"},
		{"three days ago, late in a month", "三天前买的", "2026-11-27"},
		{"618 in digits", "今年618买的", "2026-06-18"},
		{"just bought a month ago", "刚买一个月就坏了", "2026-10"},
		{"used for two years", "用了两年了", "2024-11"},
		{"used almost three years", "用了快三年", "2023-11"},
		{"bought not a year ago", "买了不到一年", "2025-11"},
		{"used ten years", "用了10年了", "2016-11"},
		{"end of last year", "去年年底买的", "2025-12"},
		{"month alone this year", "三月份买的", "2026-03"},
		{"current month", "十一月买的", "2026-11"},
		{"month alone in the future is last year's", "12月买的", "2025-12"},
		{"one and a half years", "一年半前买的", "2025-05"},
		// Chinese, absolute
		{"iso", "2024-03-05购买", "2024-03-05"},
		{"slashes", "2024/3/5买的", "2024-03-05"},
		{"dots", "2024.3.5入手的", "2024-03-05"},
		{"purchase date label", "购买日期:2024年3月5日", "2024-03-05"},
		{"zh full", "2024年3月5号买的", "2024-03-05"},
		{"zh spaced", "2024 年 3 月 5 日 买的", "2024-03-05"},
		{"two-digit year", "24年3月买的", "2024-03"},
		{"two-digit year alone", "19年买的", "2019"},
		{"chinese numerals", "二〇二四年三月买的", "2024-03"},
		{"traditional and full-width", "去年５月買的", "2025-05"},
		{"typed with spaces", "去年 5月 买的", "2025-05"},
		// English
		{"last May", "I bought it last May", "2025-05"},
		{"two years ago", "bought it two years ago", "2024-11"},
		{"month this year", "I bought it in March", "2026-03"},
		{"month not yet come is last year's", "bought it in December", "2025-12"},
		{"18 months", "got it 18 months ago", "2025-05"},
		{"last year", "we purchased it last year", "2025"},
		{"couple of weeks", "bought a couple of weeks ago", "2026-11"},
		{"month day year", "purchased on March 5, 2024", "2024-03-05"},
		{"day month year", "bought 5th Mar 2024", "2024-03-05"},
		{"month year", "purchased Mar 2024", "2024-03"},
		{"in a year", "bought it in 2023", "2023"},
		{"had it since", "I've had it since March", "2026-03"},
		{"had it for", "had it for about two years", "2024-11"},
		{"half a year", "Bought it about half a year ago", "2026-05"},
		{"a year ago", "got it a year ago", "2025-11"},
		{"day first, unambiguous", "bought on 25/12/2024", "2024-12-25"},
		{"mixed", "washing machine 去年买的", "2025"},
		// in a whole message, among other dates
		{"whole message", "我家海尔洗衣机漏水,去年5月买的,地址北京市朝阳区建国路88号,电话13800138000,我姓王,明天下午上门", "2025-05"},
		{"fault date and purchase date", "昨天开始漏水,是前年买的", "2024"},
		{"owned, then fault began", "用了两年的洗衣机昨天开始漏水", "2024-11"},
		{"nearest wins", "I bought it in March and it started leaking last week", "2026-03"},
		{"purchase then praise", "去年买的一直用着挺好", "2025"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			f, ok := lx.FindPurchase(in, testNow)
			if !ok || f.Value != c.want || f.Slot != SlotPurchase {
				t.Fatalf("FindPurchase(%q) = %+v, %v; want %q", in, f, ok, c.want)
			}
			if f.Start < 0 || f.End > len(in) || f.Start >= f.End {
				t.Fatalf("FindPurchase(%q): bad span %d:%d", in, f.Start, f.End)
			}
		})
	}
}

func TestFindPurchaseRefuses(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in string }{
		{"fault began yesterday", "昨天开始漏水"},
		{"fault began last month", "它上个月开始不制冷"},
		{"appointment", "明天下午上门"},
		{"weekday appointment", "周六上午有空"},
		{"a date with no purchase word", "2024年3月"},
		{"warranty length", "保修两年"},
		{"ambiguous day and month", "bought 3/5/2024"},
		{"leaking since", "it has been leaking since March"},
		{"since last week", "since last week it won't spin"},
		{"future year", "2027年买的"},
		{"future month this year", "今年12月买的"},
		{"impossible day", "2024-02-30买的"},
		{"too old", "1970年买的"},
		{"may the verb", "I may have bought it at Costco"},
		{"plans to buy", "I'll buy a new one in May"},
		{"order number", "订单号2024031512买的"},
		{"model code", "KFR-35GW买的"},
		{"phone number", "13800138000"},
		{"empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			if f, ok := lx.FindPurchase(in, testNow); ok {
				t.Fatalf("FindPurchase(%q) = %+v, want none", in, f)
			}
		})
	}
}

func TestParsePurchase(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"last year march", "去年三月", "2025-03", true},
		{"zh month", "2024年3月", "2024-03", true},
		{"zh full", "2024年3月5日", "2024-03-05", true},
		{"zh year", "2023年", "2023", true},
		{"bare year", "2023", "2023", true},
		{"iso month", "2024-03", "2024-03", true},
		{"dots", "2024.03.05", "2024-03-05", true},
		{"en month year", "Sept 2023", "2023-09", true},
		{"en month day year", "March 5, 2024", "2024-03-05", true},
		{"en day month year", "5th Mar 2024", "2024-03-05", true},
		{"about two years ago", "about two years ago", "2024-11", true},
		{"two years ago zh", "两年前", "2024-11", true},
		{"a length alone", "两年", "2024-11", true},
		{"hedged", "大概去年吧", "2025", true},
		{"yesterday", "昨天", "2026-11-29", true},
		{"last week", "上周", "2026-11", true},
		{"singles day", "前年双十一", "2024-11-11", true},
		{"this month", "十一月", "2026-11", true},
		{"last december", "去年十二月", "2025-12", true},
		{"last may", "last May", "2025-05", true},
		{"used for", "用了三年多", "2023-11", true},
		{"season", "last spring", "", false},
		{"forgot", "不记得了", "", false},
		{"future", "2027年", "", false},
		{"tomorrow", "明天", "", false},
		{"fault date", "昨天开始坏的", "", false},
		{"ambiguous", "3/5/2024", "", false},
		{"impossible", "2024-02-30", "", false},
		{"month 13", "2024-13-01", "", false},
		{"too old", "1970-01-01", "", false},
		{"empty", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			got, ok := lx.ParsePurchase(in, testNow)
			if got != c.want || ok != c.ok {
				t.Fatalf("ParsePurchase(%q) = %q, %v; want %q, %v", in, got, ok, c.want, c.ok)
			}
		})
	}
}
