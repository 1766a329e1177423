package telegramtest_test

import (
	"encoding/json"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
)

func TestFakeUpdates(t *testing.T) {
	tests := []struct {
		name  string
		raw   []byte
		check func(u models.Update) bool
	}{
		{"Text", telegramtest.Text(1, 10, `修 "屏幕" <b>`), func(u models.Update) bool {
			m := u.Message
			return m.ID == 1 && m.Text == `修 "屏幕" <b>` && m.Chat.ID == 10 && m.Chat.Type == models.ChatTypePrivate &&
				m.From.ID == 10 && m.From.FirstName == "Test" && m.From.LanguageCode == "zh-hans" && m.Date > 0
		}},
		{"TextFrom group", telegramtest.TextFrom(2, -5, 11, "group", "hi"), func(u models.Update) bool {
			m := u.Message
			return m.Chat.ID == -5 && m.Chat.Type == models.ChatTypeGroup && m.Chat.Title != "" && m.From.ID == 11
		}},
		{"TextFrom supergroup", telegramtest.TextFrom(3, -1001, 11, "supergroup", "hi"), func(u models.Update) bool {
			return u.Message.Chat.Type == models.ChatTypeSupergroup && u.Message.Chat.Title != ""
		}},
		{"Command", telegramtest.Command(4, 10, "/start 报修"), func(u models.Update) bool {
			e := u.Message.Entities
			return u.Message.Text == "/start 报修" && len(e) == 1 &&
				e[0].Type == models.MessageEntityTypeBotCommand && e[0].Offset == 0 && e[0].Length == 6
		}},
		{"Command without slash", telegramtest.Command(5, 10, "help"), func(u models.Update) bool {
			return u.Message.Text == "/help" && u.Message.Entities[0].Length == 5
		}},
		{"Callback", telegramtest.Callback(6, 10, "confirm:1", 42), func(u models.Update) bool {
			q := u.CallbackQuery
			return u.Message == nil && q.ID != "" && q.From.ID == 10 && q.Data == "confirm:1" && q.ChatInstance != "" &&
				q.Message.Message != nil && q.Message.Message.ID == 42 && q.Message.Message.Chat.ID == 10
		}},
		{"Contact", telegramtest.Contact(7, 10, 10, "+8613800000000"), func(u models.Update) bool {
			c := u.Message.Contact
			return c.PhoneNumber == "+8613800000000" && c.UserID == 10 && c.FirstName != ""
		}},
		{"Location", telegramtest.Location(8, 10, 31.23, 121.47), func(u models.Update) bool {
			return u.Message.Location.Latitude == 31.23 && u.Message.Location.Longitude == 121.47
		}},
		{"Photo", telegramtest.Photo(9, 10, "PHOTO", 120000, "album", "裂了"), func(u models.Update) bool {
			p := u.Message.Photo
			return len(p) == 2 && p[1].FileID == "PHOTO" && p[1].FileSize == 120000 && p[1].Width > p[0].Width &&
				p[1].FileUniqueID != "" && u.Message.MediaGroupID == "album" && u.Message.Caption == "裂了"
		}},
		{"Photo plain", telegramtest.Photo(10, 10, "PHOTO", 1, "", ""), func(u models.Update) bool {
			return u.Message.MediaGroupID == "" && u.Message.Caption == ""
		}},
		{"Document", telegramtest.Document(11, 10, "DOC", "invoice.pdf", "application/pdf", 2048), func(u models.Update) bool {
			d := u.Message.Document
			return d.FileID == "DOC" && d.FileName == "invoice.pdf" && d.MimeType == "application/pdf" && d.FileSize == 2048
		}},
		{"Edited", telegramtest.Edited(12, 10, 5, "fixed"), func(u models.Update) bool {
			m := u.EditedMessage
			return u.Message == nil && m.ID == 5 && m.Text == "fixed" && m.EditDate > m.Date
		}},
		{"Sticker", telegramtest.Sticker(13, 10), func(u models.Update) bool {
			return u.Message.Sticker != nil && u.Message.Sticker.FileID != "" && u.Message.Text == ""
		}},
		{"MyChatMember", telegramtest.MyChatMember(14, 10), func(u models.Update) bool {
			m := u.MyChatMember
			return u.Message == nil && m.Chat.ID == 10 && m.From.ID == 10 &&
				m.OldChatMember.Type == models.ChatMemberTypeMember && m.NewChatMember.Type == models.ChatMemberTypeBanned &&
				m.NewChatMember.Banned.User != nil && m.NewChatMember.Banned.User.ID == telegramtest.BotID
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var u models.Update
			if err := json.Unmarshal(tc.raw, &u); err != nil {
				t.Fatalf("decode %s: %v", tc.raw, err)
			}
			if u.ID == 0 || !tc.check(u) {
				t.Errorf("unexpected update %s", tc.raw)
			}
		})
	}
}
