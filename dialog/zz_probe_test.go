package dialog_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/dialog"
)

func TestZZScenarios(t *testing.T) {
	if os.Getenv("SCEN") == "" {
		t.Skip()
	}
	d := sqliteDesk(t)
	d.now = corpusNow
	run := func(chat string, quoted bool, lines ...string) {
		if quoted {
			d.quotedTicket(chat)
		}
		fmt.Println("=== " + chat)
		for _, l := range lines {
			var rs []dialog.Reply
			if strings.HasPrefix(l, "!") {
				rs = d.press(chat, l[1:])
			} else {
				rs = d.say(chat, l)
			}
			fmt.Printf("> %s\n", l)
			for _, r := range rs {
				fmt.Printf("  [%s] %s\n", r.Key, strings.ReplaceAll(r.Text, "\n", " / "))
			}
		}
	}
	run("t1", false, "冰箱不制冷，明天下午上门，地址上海市徐汇区漕溪北路88号，电话13912345678，我姓王，先生", "!skip")
	run("t2", false, "washer won't spin, come Wednesday morning, 88 Caoxi North Road, Xuhui, call 13912345678, Mr Wang", "!skip")
	run("a1", false, "冰箱不制冷，地址上海市徐汇区漕溪北路88号，电话13912345678，我姓王，先生，上门", "地址写错了，是90号", "!skip")
	run("c1", false, "冰箱不制冷，地址上海市徐汇区漕溪北路88号，电话13912345678，我姓王，先生，上门", "!skip", "电话写错了，是13800001111")
}
