package understand

import "testing"

// TestFaultLeavesTheFactsSaidAfterIt: a customer who says when to come, or
// how to be reached, right after the fault, in the same breath, gets the
// fault read back in its own words and the rest as the facts they are.
func TestFaultLeavesTheFactsSaidAfterIt(t *testing.T) {
	r := testRules(t)
	for _, c := range []struct{ text, fault string }{
		{"你好，我家冰箱不制冷了，周六上午来修", "我家冰箱不制冷了"},
		{"空调不制冷 希望周末能来看看", "空调不制冷"},
		{"热水器打不着火了明天上午过来修一下", "热水器打不着火了"},
		{"打印机不能打印了能不能明天来", "打印机不能打印了"},
		{"空调坏了电话13800138000", "空调坏了"},
		{"洗衣机漏水 地址朝阳区建国路88号", "洗衣机漏水"},
		{"熱水器打不著火了 麻煩明天上午派師傅過來", "热水器打不著火了"},
		{"the fridge stopped cooling please come saturday morning", "the fridge stopped cooling"},
		{"washer leaking everywhere call me on 13800138000", "washer leaking everywhere"},
		{"my 冰箱 stopped cooling, pls come tmr afternoon", "my 冰箱 stopped cooling"},
		{"my washing machine is leaking from the bottom pls come saturday morning", "my washing machine is leaking from the bottom"},
		// a time that is part of the fault stays in it
		{"Broadband has been dropping every evening since last week", "Broadband has been dropping every evening since last week"},
		{"the tv keeps switching off after 20 minutes", "the tv keeps switching off after 20 minutes"},
		{"周六上午空调坏了", "周六上午空调坏了"},
		{"冰箱 不制冷", "冰箱 不制冷"},
		// typed with spaces for commas, among other facts
		{"油烟机吸力变小了 开最大档也一屋子油烟 方太的 型号CXW-258-EMC2 小区是万科城二期 17栋 电话 15099887766", "油烟机吸力变小了 开最大档也一屋子油烟"},
		{"复印机复印出来有一条黑线 理光MP2014 公司地址 福田区深南大道6008号特区报业大厦23楼 联系人周先生 0755-83501234", "复印机复印出来有一条黑线"},
		{"洗碗机洗完碗上一层白渣子 西门子的 今年618买的 发票有", "洗碗机洗完碗上一层白渣子"},
		{"复印机卡纸，型号理光MP2014，序列号E1234567890，麻烦尽快派人", "复印机卡纸"},
		// a clause that only asks for the visit is no description
		{"my washer is leaking. can you send someone tomorrow?", "my washer is leaking"},
		// a greeting without punctuation is no part of the fault
		{"你好 我家美的冰箱不制冷了 周六上午来修吧", "我家美的冰箱不制冷了"},
		{"hi my fridge stopped cooling", "my fridge stopped cooling"},
	} {
		got := r.Understand(Context{}, c.text, corpusNow).Slots()[SlotFault]
		if got != c.fault {
			t.Errorf("%q: fault %q, want %q", c.text, got, c.fault)
		}
	}
}

// TestAskingAOrNotAIsNoFault: 能不能 and 是不是 ask; they say nothing is
// wrong.
func TestAskingAOrNotAIsNoFault(t *testing.T) {
	r := testRules(t)
	if s := r.Understand(Context{}, "空调能不能明天修", corpusNow).Slots(); s[SlotFault] != "" {
		t.Errorf("空调能不能明天修: fault %q, want none", s[SlotFault])
	}
}
