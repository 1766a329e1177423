package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

func newTicket(key, chat string) *domain.Ticket {
	return &domain.Ticket{ReportKey: key, Channel: "webchat", ChatID: chat, Locale: "zh-CN",
		ContactName: "王", Salutation: "mr", Phone: "13800138000", Product: "打印机", Fault: "卡纸",
		ServiceMode: "carry_in", CreatedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
}

func TestCreateTicketIsIdempotentAndLogged(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tk := newTicket("k1", "c1")
			created, err := db.CreateTicket(ctx, tk, "customer:webchat:c1")
			if err != nil || !created {
				t.Fatalf("create: %v %v", created, err)
			}
			if tk.Number != fmt.Sprintf("FD-%d", 1000+tk.ID) {
				t.Fatalf("number %q for id %d", tk.Number, tk.ID)
			}
			again := newTicket("k1", "c1")
			created, err = db.CreateTicket(ctx, again, "customer:webchat:c1")
			if err != nil || created || again.Number != tk.Number {
				t.Fatalf("second create: created=%v number=%q err=%v", created, again.Number, err)
			}
			got, err := db.TicketByNumber(ctx, tk.Number)
			if err != nil {
				t.Fatal(err)
			}
			if got.State != domain.StateNew || got.Product != "打印机" || !got.CreatedAt.Equal(tk.CreatedAt) {
				t.Fatalf("read back %+v", got)
			}
			es, err := db.Events(ctx, tk.ID)
			if err != nil || len(es) != 1 || es[0].Kind != "created" || es[0].Actor != "customer:webchat:c1" || !es[0].At.Equal(tk.CreatedAt) {
				t.Fatalf("events %+v %v", es, err)
			}
			if _, err := db.TicketByNumber(ctx, "FD-999999"); !errors.Is(err, storage.ErrNotFound) {
				t.Fatalf("unknown number: %v", err)
			}
		})
	}
}

// TestCreateTicketKeepsItsCustomerEventAndFiles: the one write that
// registers a report holds all of it: the customer (brought up to date on
// a later report), the repeat it points to, and the photos in their order.
func TestCreateTicketKeepsItsCustomerEventAndFiles(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			first := newTicket("f1", "c9")
			if _, err := db.CreateTicket(ctx, first, "customer:webchat:c9"); err != nil {
				t.Fatal(err)
			}
			tk := newTicket("f2", "c9")
			tk.ContactName, tk.Phone, tk.RepeatOf = "王五", "13900139000", first.Number
			at := tk.CreatedAt.Add(-time.Minute)
			tk.Attachments = []domain.Attachment{
				{Channel: "webchat", Kind: "photo", FileID: "p-1", Mime: "image/jpeg", Size: 2048, CreatedAt: at},
				{Channel: "webchat", Kind: "document", FileID: "d-2", Name: "发票.pdf", Mime: "application/pdf", Size: 99, CreatedAt: at},
			}
			if created, err := db.CreateTicket(ctx, tk, "customer:webchat:c9"); err != nil || !created {
				t.Fatalf("create: %v %v", created, err)
			}
			if tk.CustomerID == 0 || tk.CustomerID != first.CustomerID {
				t.Fatalf("customer %d, first report's %d", tk.CustomerID, first.CustomerID)
			}
			c, err := db.CustomerByChat(ctx, "webchat", "c9")
			if err != nil || c.Name != "王五" || c.Phone != "13900139000" {
				t.Fatalf("customer %+v %v", c, err)
			}
			as, err := db.Attachments(ctx, tk.ID)
			if err != nil || len(as) != 2 || as[0].FileID != "p-1" || as[1].Name != "发票.pdf" || as[1].Size != 99 || !as[0].CreatedAt.Equal(at) {
				t.Fatalf("attachments %+v %v", as, err)
			}
			es, err := db.Events(ctx, tk.ID)
			if err != nil || len(es) != 1 || es[0].Detail != first.Number {
				t.Fatalf("events %+v %v", es, err)
			}
		})
	}
}

func TestConcurrentCreatesGetUniqueNumbers(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			var wg sync.WaitGroup
			numbers := make([]string, 40)
			for i := range numbers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					tk := newTicket(fmt.Sprintf("key-%d", i), fmt.Sprintf("chat-%d", i%7))
					if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
						t.Error(err)
					}
					numbers[i] = tk.Number
				}()
			}
			wg.Wait()
			seen := map[string]bool{}
			for _, n := range numbers {
				if n == "" || seen[n] {
					t.Fatalf("number %q empty or repeated in %v", n, numbers)
				}
				seen[n] = true
			}
		})
	}
}

func TestUpdateTicketWritesEventAndNoticeTogether(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tk := newTicket("k", "c")
			if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
				t.Fatal(err)
			}
			now := tk.CreatedAt.Add(time.Hour)
			refused := errors.New("refused")
			if _, err := db.UpdateTicket(ctx, tk.Number, "staff:li", now, func(t *domain.Ticket) (storage.Change, error) {
				t.State = domain.StateRepairing
				return storage.Change{}, refused
			}); !errors.Is(err, refused) {
				t.Fatalf("refusal: %v", err)
			}
			got, _ := db.TicketByNumber(ctx, tk.Number)
			if got.State != domain.StateNew {
				t.Fatalf("refused change was written: %s", got.State)
			}
			_, err := db.UpdateTicket(ctx, tk.Number, "staff:li", now, func(t *domain.Ticket) (storage.Change, error) {
				t.State, t.Engineer = domain.StateRepairing, "李工"
				return storage.Change{Kind: "status", Detail: "new -> repairing", Notice: "status:repairing"}, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			got, _ = db.TicketByNumber(ctx, tk.Number)
			if got.State != domain.StateRepairing || got.Engineer != "李工" || !got.UpdatedAt.Equal(now) {
				t.Fatalf("after update %+v", got)
			}
			es, _ := db.Events(ctx, tk.ID)
			if len(es) != 2 || es[1].Actor != "staff:li" || !es[1].At.Equal(now) {
				t.Fatalf("events %+v", es)
			}
			ns, err := db.ClaimNotices(ctx, now, time.Minute, 10)
			if err != nil || len(ns) != 1 || ns[0].Kind != "status:repairing" || ns[0].TicketID != tk.ID {
				t.Fatalf("claim %+v %v", ns, err)
			}
			if again, _ := db.ClaimNotices(ctx, now, time.Minute, 10); len(again) != 0 {
				t.Fatalf("claimed twice within the lease: %+v", again)
			}
			later, _ := db.ClaimNotices(ctx, now.Add(2*time.Minute), time.Minute, 10)
			if len(later) != 1 || later[0].Attempts != 2 {
				t.Fatalf("lease expiry should offer it again: %+v", later)
			}
			if err := db.MarkDelivered(ctx, ns[0].ID, now); err != nil {
				t.Fatal(err)
			}
			if n, _ := db.PendingNotices(ctx); n != 0 {
				t.Fatalf("pending after delivery: %d", n)
			}
		})
	}
}

func TestTicketFilters(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			a, b := newTicket("a", "chat-a"), newTicket("b", "chat-b")
			b.Phone = "+447700900123"
			for _, tk := range []*domain.Ticket{a, b} {
				if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
					t.Fatal(err)
				}
			}
			mine, _ := db.Tickets(ctx, storage.TicketFilter{Channel: "webchat", ChatID: "chat-a"})
			if len(mine) != 1 || mine[0].Number != a.Number {
				t.Fatalf("by chat %+v", mine)
			}
			byPhone, _ := db.Tickets(ctx, storage.TicketFilter{Phone: "+447700900123"})
			if len(byPhone) != 1 || byPhone[0].Number != b.Number {
				t.Fatalf("by phone %+v", byPhone)
			}
			c, err := db.CustomerByChat(ctx, "webchat", "chat-a")
			if err != nil || c.Name != "王" || c.Phone != "13800138000" {
				t.Fatalf("customer %+v %v", c, err)
			}
		})
	}
}

// TestJobStates lists the states of a chat's tickets still under way, and
// only that chat's.
func TestJobStates(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			if got, err := db.JobStates(ctx, "webchat", "js"); err != nil || len(got) != 0 {
				t.Fatalf("no tickets: %v %v", got, err)
			}
			set := func(tk *domain.Ticket, state string) {
				if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
					t.Fatal(err)
				}
				if _, err := db.UpdateTicket(ctx, tk.Number, "test", time.Now(), func(x *domain.Ticket) (storage.Change, error) {
					x.State = state
					return storage.Change{Kind: "status"}, nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			set(newTicket("js1", "js"), domain.StateQuoted)
			set(newTicket("js2", "js"), domain.StateClosed)
			set(newTicket("js3", "js"), domain.StateRepairing)
			set(newTicket("js4", "other"), domain.StateNew)
			got, err := db.JobStates(ctx, "webchat", "js")
			slices.Sort(got)
			if err != nil || !slices.Equal(got, []string{domain.StateQuoted, domain.StateRepairing}) {
				t.Fatalf("JobStates = %v, %v", got, err)
			}
		})
	}
}

// TestEarlierTicketsAreTheChatsAndThePhones: a report's earlier tickets are
// the chat's and those on its phone from other chats, each once, newest
// first; a report without a phone does not match every ticket without one.
func TestEarlierTicketsAreTheChatsAndThePhones(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			mk := func(key, chat, phone string) *domain.Ticket {
				tk := newTicket(key, chat)
				tk.Phone = phone
				if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
					t.Fatal(err)
				}
				return tk
			}
			own := mk("e1", "chat-a", "13800000001")
			other := mk("e2", "chat-b", "13800000001") // the same phone, another chat
			mk("e3", "chat-c", "")
			mk("e4", "chat-d", "13800000002")
			got, err := db.EarlierTickets(ctx, "webchat", "chat-a", "13800000001", 20)
			if err != nil {
				t.Fatal(err)
			}
			var numbers []string
			for _, tk := range got {
				numbers = append(numbers, tk.Number)
			}
			if want := []string{other.Number, own.Number}; !slices.Equal(numbers, want) {
				t.Fatalf("earlier %v, want %v", numbers, want)
			}
			got, err = db.EarlierTickets(ctx, "webchat", "chat-e", "", 20)
			if err != nil || len(got) != 0 {
				t.Fatalf("a new chat without a phone: %d tickets, %v", len(got), err)
			}
		})
	}
}
