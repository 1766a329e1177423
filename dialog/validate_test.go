package dialog_test

import (
	"testing"

	"github.com/frontdesk/frontdesk/dialog"
)

func TestParsePhone(t *testing.T) {
	cases := []struct {
		name, in, want string
		ok             bool
	}{
		{"mainland", "13800138000", "13800138000", true},
		{"mainland with spaces", "138 0013 8000", "13800138000", true},
		{"mainland with dashes", "138-0013-8000", "13800138000", true},
		{"mainland +86", "+86 139 1234 5678", "13912345678", true},
		{"mainland 0086", "0086 19912345678", "19912345678", true},
		{"full-width digits", "１３８００１３８０００", "13800138000", true},
		{"second digit 2 is no mobile", "12800138000", "", false},
		{"too short", "1380013800", "", false},
		{"too long", "138001380001", "", false},
		{"international", "+44 7700 900123", "+447700900123", true},
		{"international 00", "00852 9123 4567", "+85291234567", true},
		{"plus too short", "+12345", "", false},
		{"letters", "call me", "", false},
		{"landline without +", "010-12345678", "", false},
		{"empty", "", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := dialog.ParsePhone(c.in)
			if got != c.want || ok != c.ok {
				t.Fatalf("ParsePhone(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
			}
		})
	}
	if p, ok := dialog.FindPhone("我的电话是138-0013-8000,谢谢"); !ok || p != "13800138000" {
		t.Fatalf("FindPhone in text: %q %v", p, ok)
	}
}

func TestFindTicketNumber(t *testing.T) {
	for in, want := range map[string]string{"FD-1042": "FD-1042", "fd1042": "FD-1042", "查一下 FD 1042 谢谢": "FD-1042",
		"FD#20001": "FD-20001", "工单号FD-1042": "FD-1042"} {
		if got, ok := dialog.FindTicketNumber(in); !ok || got != want {
			t.Errorf("FindTicketNumber(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"FD-12", "1042", "FDX1042", ""} {
		if got, ok := dialog.FindTicketNumber(in); ok {
			t.Errorf("FindTicketNumber(%q) = %q, want none", in, got)
		}
	}
}

// TestRulesUnderstand: the request each message adds up to, with no
// question pending.
func TestRulesUnderstand(t *testing.T) {
	cases := []struct{ in, kind string }{
		{"我的打印机坏了", dialog.IntentReport},
		{"洗衣机漏水", dialog.IntentReport},
		{"my printer is broken", dialog.IntentReport},
		{"it stopped working", dialog.IntentReport},
		{"查询进度", dialog.IntentStatus},
		{"FD-1042", dialog.IntentStatus},
		{"where is my repair FD-1042", dialog.IntentStatus},
		{"我的工单", dialog.IntentStatus},
		{"show my tickets", dialog.IntentStatus},
		{"报价多少钱", dialog.IntentQuote},
		{"我同意维修", dialog.IntentAccept},
		{"I accept", dialog.IntentAccept},
		{"不修了,太贵", dialog.IntentDecline},
		{"我要投诉", dialog.IntentComplaint},
		{"我对服务不满意", dialog.IntentComplaint},
		{"this is unacceptable", dialog.IntentComplaint},
		{"谢谢,很满意", dialog.IntentPraise},
		{"thanks a lot", dialog.IntentPraise},
		{"我有个建议", dialog.IntentSuggestion},
		{"请问保修期多久", dialog.IntentConsult},
		{"转人工", dialog.IntentHuman},
		{"can I talk to a person", dialog.IntentHuman},
		{"找你们经理", dialog.IntentManager},
		{"get me your supervisor", dialog.IntentManager},
		{"你是白痴吗", dialog.IntentAbuse},
		{"取消", dialog.IntentCancel},
		{"/cancel", dialog.IntentCancel},
		{"start over", dialog.IntentCancel},
		{"菜单", dialog.IntentHelp},
		{"/start", dialog.IntentGreeting},
		{"/status", dialog.IntentStatus},
		{"你好", dialog.IntentGreeting},
		{"Hello", dialog.IntentGreeting},
		{"是的", dialog.IntentYes},
		{"OK!", dialog.IntentYes},
		{"不对", dialog.IntentNo},
		{"no", dialog.IntentNo},
		{"a note about nothing", dialog.IntentNone},
		{"阿巴阿巴", dialog.IntentNone},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := dialog.IntentOf(t, c.in); got.Kind != c.kind {
				t.Fatalf("Understand(%q) = %q, want %q", c.in, got.Kind, c.kind)
			}
		})
	}
}
