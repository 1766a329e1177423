package dialog_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

func conv(t *testing.T, d *desk, chat string) *storage.Conversation {
	t.Helper()
	c, err := d.states.Get(context.Background(), "webchat", chat)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestComplaintApologisesRecordsAndFlags(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	n := d.report("c", "打印机", "卡纸")
	expect(t, d.say("c", "我要投诉"), "complaint.ask")
	if !conv(t, d, "c").NeedsStaff {
		t.Fatal("a complaint must flag the chat for staff")
	}
	rs := d.say("c", "工程师迟到了两个小时,也没有提前打电话")
	expect(t, rs, "complaint.recorded")
	if !strings.HasPrefix(last(rs).Text, "非常抱歉") || !strings.Contains(last(rs).Text, n) || !strings.Contains(last(rs).Text, "3月3日 10:00") {
		t.Fatalf("complaint reply must apologise, name the ticket and the 24h promise:\n%s", last(rs).Text)
	}
	fs, _ := d.db.FeedbackList(ctx, 10)
	if len(fs) != 2 || fs[0].Kind != "complaint" || fs[0].TicketNumber != n || !strings.Contains(fs[0].Text, "迟到") ||
		fs[1].Kind != "handover:complaint" {
		t.Fatalf("feedback %+v", fs)
	}
	tk, _ := d.db.TicketByNumber(ctx, n)
	es, _ := d.db.Events(ctx, tk.ID)
	if es[len(es)-1].Kind != "complaint" {
		t.Fatalf("complaint not on the ticket's log: %+v", es)
	}
	// the customer goes on: it is added, until they say that is all
	expect(t, d.say("c", "而且他还把地板弄脏了"), "complaint.more")
	expect(t, d.say("c", "没有了"), "complaint.done")
	if fs, _ := d.db.FeedbackList(ctx, 10); len(fs) != 3 || !strings.Contains(fs[0].Text, "地板") {
		t.Fatalf("addition not recorded: %+v", fs)
	}
	if c := conv(t, d, "c"); c.StaffReason != "complaint" || c.Flow != "" {
		t.Fatalf("state %+v", c)
	}
}

func TestLongComplaintIsRecordedAtOnce(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("c", "I want to complain: the engineer was rude to my mother"), "complaint.recorded")
}

func TestNotUnderstoodTwiceOffersAPerson(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("n", "阿巴阿巴"), "not_understood")
	if conv(t, d, "n").NeedsStaff {
		t.Fatal("one miss must not flag yet")
	}
	rs := d.say("n", "🙂🙂")
	expect(t, rs, "not_understood.again")
	if !hasButton(last(rs), "menu:human") || !conv(t, d, "n").NeedsStaff || conv(t, d, "n").StaffReason != "misunderstood" {
		t.Fatalf("second miss: %+v %+v", last(rs).Buttons, conv(t, d, "n"))
	}
	// an understood message resets the count
	d.say("m", "xyz")
	d.say("m", "你好")
	expect(t, d.say("m", "xyz"), "not_understood")
}

func TestPersonManagerAbusePraiseSuggestionConsult(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("h", "转人工"), "handover")
	if c := conv(t, d, "h"); !c.NeedsStaff || c.StaffReason != "human" {
		t.Fatalf("human: %+v", c)
	}
	expect(t, d.say("m", "叫你们经理来"), "manager.explain")
	expect(t, d.press("m", "mgr:insist"), "handover")
	expect(t, d.say("m2", "I want your manager"), "manager.explain")
	expect(t, d.press("m2", "mgr:self"), "manager.self")
	if conv(t, d, "m2").NeedsStaff {
		t.Fatal("accepting the agent's help must not hand over")
	}
	expect(t, d.say("a", "你们这帮白痴"), "abuse")
	expect(t, d.say("p", "谢谢,师傅修得很好"), "praise")
	expect(t, d.say("s", "建议"), "suggestion.ask")
	expect(t, d.say("s", "希望周末也能上门"), "suggestion.recorded")
	// a common question is answered from the knowledge file, with the desk's own figures
	rs := d.say("k", "请问保修期多久?")
	expect(t, rs, "knowledge.warranty_terms")
	if !strings.Contains(last(rs).Text, "12") {
		t.Fatalf("warranty answer lacks the configured months: %q", last(rs).Text)
	}
	// one the file does not answer goes to an engineer, with a time
	expect(t, d.say("q", "请问你们能不能修进口的咖啡机呀?"), "consult.recorded")
	if c := conv(t, d, "q"); !c.NeedsStaff || c.StaffReason != "consult" {
		t.Fatalf("consult: %+v", c)
	}
	expect(t, d.say("x", "/help"), "help")
	expect(t, d.say("x", "cancel"), "nothing_to_cancel")
	// outside working hours the customer is told when a person will come
	d.advance(12 * time.Hour) // Monday 22:00
	rs = d.say("late", "人工客服")
	expect(t, rs, "handover.after_hours")
	if !strings.Contains(last(rs).Text, "3月3日 09:00") {
		t.Fatalf("after hours:\n%s", last(rs).Text)
	}
}

func TestTakeOverRelayMirrorRelease(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	d.say("t", "你好")
	if holder, err := d.m.TakeOver(ctx, "webchat", "t", "王工", "王工"); err != nil || holder != "王工" {
		t.Fatalf("take over: %q %v", holder, err)
	}
	if got := d.inbox.take("t"); len(got) != 1 || got[0].Key != "staff.joined" || !strings.Contains(got[0].Text, "王工") {
		t.Fatalf("customer not told who joined: %+v", got)
	}
	// a second person is told who has it
	if holder, err := d.m.TakeOver(ctx, "webchat", "t", "李工", "李工"); !errors.Is(err, dialog.ErrHeld) || holder != "王工" {
		t.Fatalf("second take over: %q %v", holder, err)
	}
	// the customer's words go to the person, not to the bot
	if rs := d.say("t", "在吗？打印机还是卡纸"); len(rs) != 0 {
		t.Fatalf("bot replied while a person holds the chat: %v", keys(rs))
	}
	d.say("t", "第二句")
	token, raw, err := d.out.Claim(ctx, storage.MirrorChannel, storage.MirrorID("webchat", "t"), time.Minute)
	var mirrored []string
	for err == nil && raw != nil {
		var m dialog.Mirrored
		json.Unmarshal(raw, &m)
		mirrored = append(mirrored, m.Text)
		raw, err = d.out.Advance(ctx, storage.MirrorChannel, storage.MirrorID("webchat", "t"), token, raw, time.Minute, "", 0)
	}
	if strings.Join(mirrored, "|") != "在吗？打印机还是卡纸|第二句" {
		t.Fatalf("mirrored %q (%v)", mirrored, err)
	}
	if err := d.m.Relay(ctx, "webchat", "t", "李工", "staff:李工", "我来看看"); !errors.Is(err, dialog.ErrNotHolder) {
		t.Fatalf("relay by someone else: %v", err)
	}
	if err := d.m.Relay(ctx, "webchat", "t", "王工", "staff:王工", "您好，请把机器型号发我一下"); err != nil {
		t.Fatal(err)
	}
	if got := d.inbox.take("t"); len(got) != 1 || got[0].Text != "您好，请把机器型号发我一下" {
		t.Fatalf("relayed %+v", got)
	}
	if err := d.m.Release(ctx, "webchat", "t"); err != nil {
		t.Fatal(err)
	}
	if got := d.inbox.take("t"); len(got) != 1 || got[0].Key != "staff.left" {
		t.Fatalf("hand back not told: %+v", got)
	}
	expect(t, d.say("t", "你好"), "greeting")
}

func TestLanguageFollowsTheCustomerNotTheirData(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("l", "打印机坏了"), "report.start", "ask.name")
	d.say("l", "王先生")
	d.say("l", "13800138000")
	d.press("l", "mode:carry_in")
	rs := d.say("l", "invoice")
	expect(t, rs, "confirm.summary")
	if conv(t, d, "l").Locale != "zh-CN" || !strings.Contains(last(rs).Text, "请您核对") || !strings.Contains(last(rs).Text, "发票") {
		t.Fatalf("one English word switched the language: %q", last(rs).Text)
	}
	// one Latin word or pinyin does not switch a Chinese conversation either
	d.say("l", "asdfgh")
	if conv(t, d, "l").Locale != "zh-CN" {
		t.Fatal("one Latin token switched the language")
	}
	expect(t, d.say("l", "cancel"), "cancelled")
	expect(t, d.say("l", "hello, can you help me"), "help")
	if conv(t, d, "l").Locale != "en" {
		t.Fatal("an English request outside a report should switch to English")
	}
}

func TestStatusQuestionLeftForANewRequest(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("s", "FD-4242"), "status.verify")
	expect(t, d.say("s", "我想报修"), "report.start", "ask.name")
}

// TestStaffWordsAreRecordedOnTheTicket: what a person tells a customer
// from a takeover is on the chat's latest ticket, with who and when, before
// it is sent; words refused to someone not holding the chat are not.
func TestStaffWordsAreRecordedOnTheTicket(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tk := &domain.Ticket{ReportKey: "rk-staff-words-" + name, Channel: "webchat", ChatID: "sw", Product: "打印机",
				Fault: "卡纸", Phone: "13800138000", CreatedAt: d.clock().UTC()}
			if _, err := d.db.CreateTicket(ctx, tk, "customer:webchat:sw"); err != nil {
				t.Fatal(err)
			}
			if _, err := d.m.TakeOver(ctx, "webchat", "sw", "cli:wang", "王工"); err != nil {
				t.Fatal(err)
			}
			if err := d.m.Relay(ctx, "webchat", "sw", "cli:li", "staff:li", "不是我的"); !errors.Is(err, dialog.ErrNotHolder) {
				t.Fatalf("relay by someone else: %v", err)
			}
			if err := d.m.Relay(ctx, "webchat", "sw", "cli:wang", "staff:wang", "您好，工程师明天上午到"); err != nil {
				t.Fatal(err)
			}
			es, err := d.db.Events(ctx, tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			var said []string
			for _, e := range es {
				if e.Kind == dialog.EventStaffReply {
					said = append(said, e.Actor+": "+e.Detail)
					if !e.At.Equal(d.clock()) {
						t.Errorf("recorded at %v, want the desk's %v", e.At, d.clock())
					}
				}
			}
			if strings.Join(said, "|") != "staff:wang: 您好，工程师明天上午到" {
				t.Fatalf("staff words recorded: %q (events %s)", said, eventKinds(t, d, tk))
			}
		})
	}
}
