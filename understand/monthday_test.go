package understand

import "testing"

func TestMonthDay(t *testing.T) {
	r := testRules(t)
	for in, want := range map[string][2]int{
		"11月25日":        {11, 25},
		"11月25号":        {11, 25},
		"11月25":         {11, 25},
		"  11 月 25 号 ":  {11, 25},
		"１１月２５日":        {11, 25}, // typed with a full-width keyboard
		"12月3號":         {12, 3},  // traditional
		"11/25":         {11, 25},
		"3-4":           {3, 4},
		"Nov 25":        {11, 25},
		"nov. 25th":     {11, 25},
		"November 3rd":  {11, 3},
		"25 Nov":        {11, 25},
		"25th november": {11, 25},
		"1 May":         {5, 1},
		"那就11月25号下午吧":   {11, 25},
		"2026年12月1日":    {12, 1},
		"Nov 25 please": {11, 25},
	} {
		m, d, ok := r.MonthDay(in)
		if !ok || m != want[0] || d != want[1] {
			t.Errorf("MonthDay(%q) = %d, %d, %v; want %v", in, m, d, ok, want)
		}
	}
	for _, in := range []string{
		"", "改天吧", "11月", "下个月25号再说", "13/5", "11/32", "Nov", "may I call later",
		"25 Novemberish", "2025", "11/25/2026", "call 138 0013 8000", "下月5号", "115/25",
		"周五下午2-3点", "call at 3.30", "in 3-4 days", "1.5 weeks", "3-4点", "3/4/2027",
	} {
		if m, d, ok := r.MonthDay(in); ok {
			t.Errorf("MonthDay(%q) = %d, %d; want refused", in, m, d)
		}
	}
}
