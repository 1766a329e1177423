package telegram

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

func testBot(t *testing.T) *Bot {
	t.Helper()
	rdb := redis.NewClient(&redis.Options{Addr: miniredis.RunT(t).Addr()})
	t.Cleanup(func() { rdb.Close() })
	fake := telegramtest.NewServer(t, "123456:TEST-token_abcdefghijklmnopqrstuvwxyz")
	b, err := New(Config{Token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", APIURL: fake.URL}, nil,
		storage.NewOutbound(rdb, "t:"), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func update(t *testing.T, raw []byte) *models.Update {
	t.Helper()
	var u models.Update
	if err := json.Unmarshal(raw, &u); err != nil {
		t.Fatal(err)
	}
	return &u
}

func TestMessageTranslation(t *testing.T) {
	b := testBot(t)
	ctx := context.Background()
	cases := []struct {
		name  string
		raw   []byte
		check func(t *testing.T, m dialog.Message)
	}{
		{"text", telegramtest.Text(10, 42, "你好"), func(t *testing.T, m dialog.Message) {
			if m.Text != "你好" || m.ChatID != "42" || m.Seq != 10 || m.Group || m.MessageID == "" {
				t.Fatalf("%+v", m)
			}
		}},
		{"own contact", telegramtest.Contact(11, 42, 42, "8613800138000"), func(t *testing.T, m dialog.Message) {
			if m.Phone != "13800138000" || m.ForeignContact {
				t.Fatalf("%+v", m)
			}
		}},
		{"someone else's contact", telegramtest.Contact(12, 42, 7, "8613800138000"), func(t *testing.T, m dialog.Message) {
			if m.Phone != "" || !m.ForeignContact {
				t.Fatalf("%+v", m)
			}
		}},
		{"international contact", telegramtest.Contact(13, 42, 42, "447700900123"), func(t *testing.T, m dialog.Message) {
			if m.Phone != "+447700900123" {
				t.Fatalf("%+v", m)
			}
		}},
		{"album photo", telegramtest.Photo(14, 42, "file-a", 5000, "g1", "卡纸"), func(t *testing.T, m dialog.Message) {
			if len(m.Attachments) != 1 || m.Attachments[0].FileID != "file-a" || m.Attachments[0].Album != "g1" || m.Text != "卡纸" {
				t.Fatalf("%+v", m)
			}
		}},
		{"document", telegramtest.Document(15, 42, "doc-1", "invoice.pdf", "application/pdf", 1234), func(t *testing.T, m dialog.Message) {
			if len(m.Attachments) != 1 || m.Attachments[0].Name != "invoice.pdf" || m.Attachments[0].Size != 1234 {
				t.Fatalf("%+v", m)
			}
		}},
		{"location", telegramtest.Location(16, 42, 31.23, 121.47), func(t *testing.T, m dialog.Message) {
			if m.Location == nil || m.Location.Lat != 31.23 {
				t.Fatalf("%+v", m)
			}
		}},
		{"edit", telegramtest.Edited(17, 42, 5, "改一下"), func(t *testing.T, m dialog.Message) {
			if !m.Edited || m.MessageID != "5" || m.Text != "改一下" {
				t.Fatalf("%+v", m)
			}
		}},
		{"group", telegramtest.TextFrom(18, -100123, 42, "supergroup", "报修"), func(t *testing.T, m dialog.Message) {
			if !m.Group || m.ChatID != "-100123" {
				t.Fatalf("%+v", m)
			}
		}},
		{"callback", telegramtest.Callback(19, 42, "menu:report", 3), func(t *testing.T, m dialog.Message) {
			if m.Payload != "menu:report" || m.ChatID != "42" || m.Seq != 19 {
				t.Fatalf("%+v", m)
			}
		}},
		{"unissued hashed callback", telegramtest.Callback(20, 42, "h:ffffffffffffffffffffffffffffffff", 3), func(t *testing.T, m dialog.Message) {
			if !strings.HasPrefix(m.Payload, "stale") {
				t.Fatalf("%+v", m)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, ok, err := b.message(ctx, update(t, c.raw))
			if err != nil || !ok {
				t.Fatalf("ok=%v err=%v", ok, err)
			}
			c.check(t, m)
		})
	}
	if _, ok, _ := b.message(ctx, update(t, telegramtest.MyChatMember(30, 42))); ok {
		t.Fatal("a member update is not a message")
	}
}

func TestLongPayloadsAreStashed(t *testing.T) {
	b := testBot(t)
	ctx := context.Background()
	long := "edit:" + strings.Repeat("x", 100)
	data, err := b.callbackData(ctx, long)
	if err != nil || len(data) > maxCallbackData || data == long {
		t.Fatalf("callback data %q (%d bytes), %v", data, len(data), err)
	}
	if back, err := b.payloadOf(ctx, data); err != nil || back != long {
		t.Fatalf("payloadOf = %q, %v", back, err)
	}
	if short, _ := b.callbackData(ctx, "menu:report"); short != "menu:report" {
		t.Fatalf("short payload changed: %q", short)
	}
}

func TestSplitKeepsWithinTelegramsLimit(t *testing.T) {
	text := strings.Repeat("很长的一行说明文字。\n", 800) + strings.Repeat("😀", 3000)
	parts := split(text)
	if strings.Join(parts, "") != text {
		t.Fatal("split lost or changed text")
	}
	for i, p := range parts {
		if n := len(utf16.Encode([]rune(p))); n > maxText || n == 0 {
			t.Fatalf("part %d has %d UTF-16 units", i, n)
		}
	}
	if len(parts) < 3 {
		t.Fatalf("%d parts", len(parts))
	}
	if got := split("短"); len(got) != 1 || got[0] != "短" {
		t.Fatalf("short text: %q", got)
	}
}

func TestConfigValidation(t *testing.T) {
	for name, c := range map[string]Config{
		"bad token":   {Token: "nope"},
		"bad url":     {Token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", APIURL: "ftp://x"},
		"bad secret":  {Token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", WebhookSecret: "has space"},
		"bad rate":    {Token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", PerSecond: -1},
		"no host url": {Token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", APIURL: "http://"},
	} {
		if err := c.Validate(); err == nil || !strings.HasPrefix(err.Error(), "TELEGRAM_") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := (Config{Token: "123456:TEST-token_abcdefghijklmnopqrstuvwxyz", APIURL: "http://127.0.0.1:8081"}).Validate(); err != nil {
		t.Fatal(err)
	}
}
