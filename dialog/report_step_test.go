package dialog

import (
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/understand"
)

// step is one customer message of a report and what the desk must ask
// next: a slot, "confirm" for the read-back, "done" once confirmed,
// "cancel" when the report is left.
type step struct{ text, next string }

// TestReportStepsWithoutServers drives whole report conversations through
// the understanding and the report's pure step, no server involved: each
// message is read in the context of the question asked, its commands fill
// the slots, and the next question is the first one still missing.
func TestReportStepsWithoutServers(t *testing.T) {
	rules, err := understand.Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	cases := []struct {
		name  string
		steps []step
		want  map[string]string
	}{
		{"one long message leaves only the name", []step{
			{"我家海尔洗衣机XQG80脱水时漏水，去年5月买的，还在保修期，地址北京市朝阳区建国路88号3单元502，电话138-0013-8000，明天下午上门可以吗", "name"},
			{"王先生", "confirm"},
			{"对，没问题", "done"},
		}, map[string]string{"name": "王", "salutation": "mr", "phone": "13800138000", "mode": "on_site", "model": "XQG80",
			"purchase": "2025-05", "warranty": "in", "time": "明天下午 (2026-12-01)", "address": "北京市朝阳区建国路88号3单元502"}},
		{"every choice typed, none pressed", []step{
			{"打印机老是卡纸", "name"},
			{"李", "salutation"},
			{"女的", "phone"},
			{"电话是 139 1234 5678", "mode"},
			{"我自己送过去", "purchase"},
			{"有保修卡和发票", "confirm"},
			{"提交吧", "done"},
		}, map[string]string{"name": "李", "salutation": "ms", "phone": "13912345678", "mode": "carry_in", "proof": "invoice"}},
		{"free text is checked for what it must be", []step{
			{"my fridge stopped cooling", "name"},
			{"yes, I want to report a fault", "name"},
			{"Mr Chen", "phone"},
			{"+44 7700 900123", "address"},
			{"13800138000", "address"},
			{"Flat 3, 12 Baker Street, London", "purchase"},
			{"I have the receipt", "confirm"},
		}, map[string]string{"name": "Chen", "salutation": "mr", "phone": "+447700900123", "address": "Flat 3, 12 Baker Street, London", "proof": "invoice"}},
		{"a correction at the read-back", []step{
			{"空调不制冷，我姓张，女士，电话13800138000，地址上海市浦东新区张江路100弄5号，去年买的有发票", "confirm"},
			{"电话写错了，是13912345678", "confirm"},
			{"好的", "done"},
		}, map[string]string{"phone": "13912345678", "salutation": "ms"}},
		{"cancel is not a name", []step{
			{"洗衣机坏了", "name"},
			{"不用了，这个报修取消吧", "cancel"},
		}, nil},
		{"traditional characters and pinyin", []step{
			{"熱水器壞了，不出熱水", "name"},
			{"Wang xiansheng", "phone"},
		}, map[string]string{"salutation": "mr"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			slots := map[string]string{}
			asked := ""
			for i, s := range c.steps {
				ctx := understand.Context{}
				if i > 0 {
					ctx = understand.Context{Flow: understand.FlowReport, Asked: asked}
				}
				res := rules.Understand(ctx, s.text, now)
				got := ""
				switch {
				case i == 0 && res.Flow() != understand.FlowReport:
					t.Fatalf("%q did not start a report: %+v", s.text, res.Commands)
				case res.Has(understand.Cancel):
					got = "cancel"
				default:
					f := fillReport(slots, asked, res.Commands, now)
					switch {
					case f.confirm == "yes":
						got = "done"
					case nextSlot(slots) == "":
						got = "confirm"
					default:
						got = nextSlot(slots)
					}
				}
				if got != s.next {
					t.Fatalf("after %q (asked %q): next %q, want %q; commands %+v; slots %v", s.text, asked, got, s.next, res.Commands, slots)
				}
				asked = got
			}
			for k, v := range c.want {
				if slots[k] != v {
					t.Errorf("slot %s = %q, want %q (slots %v)", k, slots[k], v, slots)
				}
			}
		})
	}
}

// TestNamesAsWrittenOnAnEnvelope: a Latin name typed all small or all
// capitals is read back properly written; a name with capitals of its own
// and a Chinese name stay as given.
func TestNamesAsWrittenOnAnEnvelope(t *testing.T) {
	for in, want := range map[string]string{"john smith": "John Smith", "JOHN SMITH": "John Smith", "o'brien": "O'Brien",
		"mary-jane lee": "Mary-Jane Lee", "McDonald": "McDonald", "de Vries": "de Vries", "张伟": "张伟", "wang": "Wang"} {
		if got := nameCase(in); got != want {
			t.Errorf("nameCase(%q) = %q, want %q", in, got, want)
		}
	}
}
