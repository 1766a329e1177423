package understand

import (
	"strings"
	"testing"
)

func TestFindTime(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in, want string }{
		{"tomorrow afternoon", "明天下午", "明天下午"},
		{"saturday morning", "周六上午", "周六上午"},
		{"day after tomorrow", "后天吧", "后天"},
		{"next monday", "下周一", "下周一"},
		{"next tuesday, long form", "下个星期二上午", "下个星期二上午"},
		{"this saturday", "这周六可以吗", "这周六"},
		{"today after five", "今天5点以后", "今天5点以后"},
		{"weekday evenings", "工作日晚上", "工作日晚上"},
		{"an hour range", "明天下午3点到5点之间", "明天下午3点到5点之间"},
		{"half past", "明天上午9点半", "明天上午9点半"},
		{"a day ahead", "12月5号上午", "12月5号上午"},
		{"day of the month and part", "5号上午", "5号上午"},
		{"or", "周六或者周日都可以", "周六或者周日都可以"},
		{"hour in chinese numerals", "周六下午两点以后", "周六下午两点以后"},
		{"one o'clock after a part", "下午一点", "下午一点"},
		{"a day in chinese numerals", "十二月五号上午", "十二月五号上午"},
		{"january in chinese numerals", "一月五号下午", "一月五号下午"},
		{"as soon as possible", "越快越好", "越快越好"},
		{"as soon as possible in a request", "麻烦尽快安排师傅上门", "尽快"},
		{"denied day, then another", "不是周二,是周三", "周三"},
		{"refused day, then another", "周六不行,周日可以", "周日"},
		{"any time", "随时都可以", "any"},
		{"whole message", "我家海尔洗衣机漏水,去年5月买的,地址北京市朝阳区建国路88号,电话13800138000,我姓王,明天下午上门", "明天下午"},
		{"after an address number", "北京市朝阳区建国路88号明天下午", "明天下午"},
		{"after a name", "我是王先生,周末都在家", "周末都在家"},
		{"fault date first", "昨天开始漏水,明天上午能来吗", "明天上午"},
		{"can you come", "电视机黑屏了,明天下午可以来吗?", "明天下午"},
		{"english morning", "tomorrow morning", "tomorrow morning"},
		{"english any time after", "any time after 5", "any time after 5"},
		{"english day", "Saturday", "Saturday"},
		{"english evenings", "weekday evenings", "weekday evenings"},
		{"english anytime", "anytime", "any"},
		{"english at", "could you come tomorrow at 3pm", "tomorrow at 3pm"},
		{"english between", "between 2 and 4 tomorrow", "between 2 and 4 tomorrow"},
		{"english next", "next Monday morning please", "next Monday morning"},
		{"english clock", "3:30 pm works", "3:30 pm works"},
		{"english before", "tomorrow morning before 10", "tomorrow morning before 10"},
		{"english denied day", "not Tuesday, Wednesday", "Wednesday"},
		{"english refused day", "Tuesday doesn't work, Friday afternoon?", "Friday afternoon"},
		{"mixed", "明天afternoon", "明天afternoon"},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			f, ok := lx.FindTime(in, testNow)
			said := undated(f.Value) // the day's date is tested apart
			if !ok || said != c.want || f.Slot != SlotTime {
				t.Fatalf("FindTime(%q) = %+v, %v; want %q", in, f, ok, c.want)
			}
			if f.Value != "any" && in[f.Start:f.End] != said {
				t.Fatalf("FindTime(%q): span %q is not the value", in, in[f.Start:f.End])
			}
		})
	}
}

func TestFindTimeRefuses(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ name, in string }{
		{"purchase month", "去年5月买的"},
		{"fault began yesterday", "昨天开始漏水"},
		{"fault began this morning", "今天早上开始不制冷"},
		{"fault this morning", "今天上午就坏了"},
		{"bought on a saturday", "周六买的"},
		{"a day gone by", "11月5号上午"},
		{"since monday", "it has been leaking since Monday"},
		{"since, zh", "自从周一就不转了"},
		{"since this morning", "no hot water since this morning"},
		{"since last night", "broadband down since last night"},
		{"bought today", "I bought it today"},
		{"broke today", "it broke today"},
		{"i am", "I am free"},
		{"years, not hours", "after 5 years"},
		{"an address number", "建国路88号"},
		{"a length", "用了3天"},
		{"a little earlier", "能早一点来吗"},
		{"refused", "周六不行"},
		{"empty", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			if f, ok := lx.FindTime(in, testNow); ok {
				t.Fatalf("FindTime(%q) = %+v, want none", in, f)
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct {
		name, in, want string
		ok             bool
	}{
		{"any day", "随便哪天", "any", true},
		{"either", "都行", "any", true},
		{"either, softened", "都行吧", "any", true},
		{"leave it to us", "你们安排", "any", true},
		{"any time", "any time", "any", true},
		{"whenever", "whenever", "any", true},
		{"whenever works", "whenever works", "any", true},
		{"a day", "明天", "明天", true},
		{"weekend", "周末", "周末", true},
		{"a time", "下周一上午10点", "下周一上午10点", true},
		{"the sooner the better", "越快越好", "越快越好", true},
		{"english", "Saturday morning", "Saturday morning", true},
		{"don't know", "不知道", "", false},
		{"no time word", "好的", "", false},
		{"past", "昨天", "", false},
		{"empty", "", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := Normalize(c.in)
			got, ok := lx.ParseTime(in, testNow)
			if undated(got) != c.want || ok != c.ok {
				t.Fatalf("ParseTime(%q) = %q, %v; want %q, %v", in, got, ok, c.want, c.ok)
			}
		})
	}
}

// undated strips the date FindTime adds to a day said relative to today.
func undated(v string) string {
	if i := strings.LastIndex(v, " ("); i > 0 && strings.HasSuffix(v, ")") {
		return v[:i]
	}
	return v
}

// TestTimeDated checks that a day said relative to today is dated, so that
// whoever reads the ticket later knows which day was meant. Today is Monday
// 2026-11-30.
func TestTimeDated(t *testing.T) {
	lx := testLexicon(t)
	for _, c := range []struct{ in, want string }{
		{"明天下午", "明天下午 (2026-12-01)"},
		{"后天上午", "后天上午 (2026-12-02)"},
		{"周三上午家里有人", "周三上午 (2026-12-02)"},
		{"下周一上午10点", "下周一上午10点 (2026-12-07)"},
		{"星期天都在家", "星期天都在家 (2026-12-06)"},
		{"周一下午", "周一下午 (2026-12-07)"}, // said on a Monday: a week on
		{"can someone come tmr?", "tmr (2026-12-01)"},
		{"Wednesday morning works", "Wednesday morning works (2026-12-02)"},
		{"next Friday afternoon", "next Friday afternoon (2026-12-11)"},
		{"this Thursday morning", "this Thursday morning (2026-12-03)"},
		{"周末", "周末"},         // a weekend is no one day
		{"下午三点以后", "下午三点以后"}, // a time, no day
		{"any time after 5", "any time after 5"},
	} {
		f, ok := lx.FindTime(Normalize(c.in), testNow)
		if !ok || f.Value != c.want {
			t.Errorf("FindTime(%q) = %q, %v; want %q", c.in, f.Value, ok, c.want)
		}
	}
}
