package dialog_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// monday10 is a Monday at 10:00 in Shanghai: within working hours.
var shanghai = time.FixedZone("CST", 8*3600)
var monday10 = time.Date(2026, 3, 2, 10, 0, 0, 0, shanghai)

// desk is a Manager over real stores, with a clock the test moves.
type desk struct {
	t      testing.TB
	m      *dialog.Manager
	staff  *staff.Staff
	db     *storage.DB
	states *storage.States
	out    *storage.Outbound
	notes  *dialog.Notifier
	inbox  *inbox
	mu     sync.Mutex
	now    time.Time
}

func (d *desk) clock() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.now
}

// advance moves the desk's clock forward.
func (d *desk) advance(by time.Duration) {
	d.mu.Lock()
	d.now = d.now.Add(by)
	d.mu.Unlock()
}

func newDesk(t testing.TB, db *storage.DB, states *storage.States, out *storage.Outbound) *desk {
	t.Helper()
	texts, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := dialog.Config{Company: "测试售后", Location: shanghai}
	d := &desk{t: t, db: db, states: states, out: out, now: monday10, inbox: &inbox{got: map[string][]dialog.Reply{}}}
	var nlu dialog.Understander
	if withModel {
		nlu = fakeModel(t, nil)
	}
	d.m = dialog.New(db, states, texts, nlu, cfg, log, d.clock)
	d.staff = staff.NewStaff(db, cfg, d.clock)
	for _, ch := range []string{"webchat", "telegram"} {
		d.m.SetOutlet(ch, dialog.Outlet{Encode: dialog.QueuedReplies, Wake: func(chat string, _ *storage.Claimed) { d.drain(ch, chat) }})
	}
	d.notes = dialog.NewNotifier(db, texts, cfg, d.m, log, time.Hour)
	return d
}

// sqliteDesk is a desk on SQLite and in-process Redis.
func sqliteDesk(t testing.TB) *desk {
	t.Helper()
	clients, prefix := storagetest.Redis(t)
	return newDesk(t, storagetest.SQLite(t), storage.NewStates(clients["miniredis"], prefix, time.Hour), storage.NewOutbound(clients["miniredis"], prefix))
}

// allDesks returns desks on every store the environment has: SQLite with
// in-process Redis always; PostgreSQL with real Redis when configured.
func allDesks(t testing.TB) map[string]*desk {
	t.Helper()
	out := map[string]*desk{"sqlite": sqliteDesk(t)}
	if pg := storagetest.Postgres(t); pg != nil {
		rdb, prefix := storagetest.RealRedis(t)
		out["postgres"] = newDesk(t, pg, storage.NewStates(rdb, prefix, time.Hour), storage.NewOutbound(rdb, prefix))
	}
	return out
}

// drain moves what the desk queued for chat (outside the replies Handle
// returns) into the inbox, as a channel's sender would send it.
func (d *desk) drain(channel, chat string) {
	ctx := context.Background()
	token, raw, err := d.out.Claim(ctx, channel, chat, time.Minute)
	for err == nil && raw != nil {
		var r dialog.Reply
		if err := json.Unmarshal(raw, &r); err != nil {
			d.t.Errorf("queued reply for %s: %v", chat, err)
		}
		d.inbox.add(chat, r)
		raw, err = d.out.Advance(ctx, channel, chat, token, raw, time.Minute, "", 0)
	}
	if err != nil {
		d.t.Errorf("drain %s:%s: %v", channel, chat, err)
	}
}

// inbox records what the desk sends outside a turn's answer, per chat.
type inbox struct {
	mu  sync.Mutex
	got map[string][]dialog.Reply
}

func (i *inbox) add(chatID string, rs ...dialog.Reply) {
	i.mu.Lock()
	defer i.mu.Unlock()
	i.got[chatID] = append(i.got[chatID], rs...)
}

func (i *inbox) take(chatID string) []dialog.Reply {
	i.mu.Lock()
	defer i.mu.Unlock()
	rs := i.got[chatID]
	delete(i.got, chatID)
	return rs
}

// say sends text from chat and returns the replies.
func (d *desk) say(chat, text string) []dialog.Reply {
	d.t.Helper()
	rs, err := d.m.Handle(context.Background(), dialog.Message{Channel: "webchat", ChatID: chat, Text: text})
	if err != nil {
		d.t.Fatalf("say %q: %v", text, err)
	}
	return rs
}

// press sends a button payload from chat.
func (d *desk) press(chat, payload string) []dialog.Reply {
	d.t.Helper()
	rs, err := d.m.Handle(context.Background(), dialog.Message{Channel: "webchat", ChatID: chat, Payload: payload})
	if err != nil {
		d.t.Fatalf("press %q: %v", payload, err)
	}
	return rs
}

// keys lists the template keys of replies.
func keys(rs []dialog.Reply) []string {
	var ks []string
	for _, r := range rs {
		ks = append(ks, r.Key)
	}
	return ks
}

// expect fails unless the last reply came from key (and the earlier ones from
// the keys before it, when given).
func expect(t testing.TB, rs []dialog.Reply, want ...string) {
	t.Helper()
	got := keys(rs)
	if len(got) < len(want) || strings.Join(got[len(got)-len(want):], ",") != strings.Join(want, ",") {
		t.Fatalf("replies %v, want ending with %v\n%s", got, want, texts(rs))
	}
	for _, r := range rs {
		if strings.TrimSpace(r.Text) == "" || strings.Contains(r.Text, "<no value>") {
			t.Fatalf("reply %s rendered badly: %q", r.Key, r.Text)
		}
	}
}

func texts(rs []dialog.Reply) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Key + ": " + r.Text + "\n")
	}
	return b.String()
}

func last(rs []dialog.Reply) dialog.Reply { return rs[len(rs)-1] }

// hasButton reports whether the reply offers payload.
func hasButton(r dialog.Reply, payload string) bool {
	for _, b := range r.Buttons {
		if b.Payload == payload {
			return true
		}
	}
	return false
}

// report walks chat through a whole carry-in report in Chinese and returns
// the ticket number. The first message names the product and the fault, so
// the desk asks only who, how to reach them and where.
func (d *desk) report(chat, product, fault string) string {
	d.t.Helper()
	t := d.t
	rs := d.say(chat, "我的"+product+fault)
	if k := last(rs).Key; k == "ask.name" {
		expect(t, rs, "report.start", "ask.name")
		expect(t, d.say(chat, "王先生"), "ask.phone")
		expect(t, d.say(chat, "13800138000"), "ask.mode")
	} else if last(rs).Key == "ask.mode" {
		expect(t, rs, "report.start", "ask.mode") // a known customer: name and phone remembered
	}
	rs = d.press(chat, "mode:carry_in")
	if last(rs).Key == "stale_button" || last(rs).Key == "ask.address" {
		// a product fixed in place (a copier) is visited: no mode question
		expect(t, d.say(chat, "北京市海淀区中关村大街1号"), "ask.purchase")
	} else {
		expect(t, rs, "ask.purchase")
	}
	expect(t, d.press(chat, "proof:none"), "confirm.summary")
	rs = d.press(chat, "confirm:yes")
	if k := last(rs).Key; k != "ticket.created" && k != "ticket.created.repeat" {
		t.Fatalf("confirm gave %v", keys(rs))
	}
	ts, err := d.db.Tickets(context.Background(), storage.TicketFilter{Channel: "webchat", ChatID: chat, Limit: 1})
	if err != nil || len(ts) != 1 {
		t.Fatalf("no ticket after confirmation: %v", err)
	}
	if !strings.Contains(last(rs).Text, ts[0].Number) {
		t.Fatalf("reply does not give the number %s: %q", ts[0].Number, last(rs).Text)
	}
	return ts[0].Number
}

// countTickets counts all tickets in the store.
func (d *desk) countTickets() int {
	d.t.Helper()
	ts, err := d.db.Tickets(context.Background(), storage.TicketFilter{Limit: 100000})
	if err != nil {
		d.t.Fatal(err)
	}
	return len(ts)
}

func storageFilter(chat string) storage.TicketFilter {
	return storage.TicketFilter{Channel: "webchat", ChatID: chat}
}
