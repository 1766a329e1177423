package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/webchat/webchattest"
)

// TestWholeCycleInBrowser is the newcomer's path: open the web chat, report
// a fault, get a ticket number; staff post a quote with the command line (its
// own database connection, as a separate process would have); the customer
// sees it, accepts, and is told of each later status without asking.
func TestWholeCycleInBrowser(t *testing.T) {
	getenv := testEnv(t)
	srv, _ := startApp(t, getenv)
	ctx := webchattest.Browser(t)
	wait := func(s string) {
		t.Helper()
		if err := webchattest.WaitText(ctx, s, 15*time.Second); err != nil {
			t.Fatal(err)
		}
	}
	send := func(s string) {
		t.Helper()
		if err := webchattest.Send(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	press := func(s string) {
		t.Helper()
		if err := webchattest.Press(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	staff := func(args ...string) {
		t.Helper()
		var out, errs bytes.Buffer
		if err := run(context.Background(), append([]string{"ticket"}, args...), getenv, &out, &errs); err != nil {
			t.Fatalf("frontdesk ticket %v: %v", args, err)
		}
	}
	if err := webchattest.Open(ctx, srv.URL+"/"); err != nil {
		t.Fatal(err)
	}
	send("你好")
	wait("欢迎联系")
	press("我要报修")
	wait("请问您贵姓")
	send("王先生")
	wait("手机号码")
	send("13800138000")
	wait("还是上门维修")
	press("送修\uff08我把机器送过去\uff09")
	wait("什么产品")
	send("激光打印机")
	wait("什么时候买的")
	press("都没有")
	wait("描述一下故障")
	send("打印时卡纸 <b>x</b>")
	wait("请您核对")
	press("确认提交")
	wait("您的工单号是 FD-")
	lines, err := webchattest.Transcript(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var number string
	for _, l := range lines {
		if n := regexp.MustCompile(`工单号是 (FD-\d+)`).FindStringSubmatch(l.Text); n != nil {
			number = n[1]
		}
	}
	if number == "" {
		t.Fatalf("no ticket number in %v", lines)
	}
	staff("diagnose", number, "定影组件老化")
	wait("已检测完成")
	staff("quote", number, "350", "更换定影组件", "3d")
	wait("350.00 元")
	press("同意维修")
	wait("请您确认：同意工单")
	press("确认")
	wait("已安排维修")
	staff("status", number, "repairing")
	wait("正在维修")
	staff("status", number, "ready")
	wait("已经修好了")
	if err := webchattest.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	wait("您的工单号是 " + number)
	lines, err = webchattest.Transcript(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var sawEscaped bool
	for _, l := range lines {
		if strings.Contains(l.Text, "<b>x</b>") {
			sawEscaped = true
		}
	}
	if !sawEscaped {
		t.Fatal("customer text with HTML was not shown literally")
	}
}
