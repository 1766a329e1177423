package understand

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzUnderstand: any text, in any context of the report, is read without
// a panic, and every slot value it proposes is valid text.
func FuzzUnderstand(f *testing.F) {
	for _, s := range []string{
		"我家海尔洗衣机XQG80脱水时漏水，去年5月买的，在保修期，地址北京市朝阳区建国路88号，电话138-0013-8000，明天下午上门可以吗",
		"my fridge stopped cooling, bought it last may, call me on +44 7700 900123",
		"熱水器壞了", "dayinji huai le", "FD-1042 进度", "行，修吧", "不用了，这个报修取消吧", "\x00\xff", "１３８００１３８０００",
	} {
		f.Add(s, "")
		f.Add(s, "phone")
	}
	r, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	f.Fuzz(func(t *testing.T, text, asked string) {
		c := Context{}
		if asked != "" {
			c = Context{Flow: FlowReport, Asked: asked}
		}
		res := r.Understand(c, text, now)
		for _, cmd := range res.Commands {
			if !utf8.ValidString(cmd.Value) {
				t.Fatalf("%q: slot %s value %q is not valid text", text, cmd.Slot, cmd.Value)
			}
		}
	})
}
