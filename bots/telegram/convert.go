package telegram

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/frontdesk/frontdesk/dialog"
)

// handle takes one update. It returns an error only when the update was not
// durably taken, so that Telegram (or the poller) delivers it again; an
// update of a kind the desk does not serve is acknowledged and ignored.
func (b *Bot) handle(ctx context.Context, u *models.Update) error {
	if cq := u.CallbackQuery; cq != nil {
		b.answer(ctx, cq.ID)
	}
	m, ok, err := b.message(ctx, u)
	if err != nil || !ok {
		return err
	}
	// Taking the turn also lifts a "blocked" mark: the customer wrote again.
	// Its replies wake the senders through the desk's outlet.
	taken, err := b.desk.Take(ctx, m)
	if err == nil && !taken {
		b.Kick(m.ChatID) // a redelivery: its replies may still be queued
	}
	return err
}

// answer answers a pressed button at once, whatever follows, so that it
// stops spinning. The answer is a Bot API round trip (tens of milliseconds
// from most servers) that the turn need not wait for: it runs beside the
// turn, up to cap(b.answering) at a time, and in line past that.
func (b *Bot) answer(ctx context.Context, id string) {
	do := func() {
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Second)
		defer cancel()
		if err := b.post(actx, "answerCallbackQuery", field{"callback_query_id", id}); err != nil {
			b.log.Warn("telegram: answer callback", "err", err)
		}
	}
	select {
	case b.answering <- struct{}{}:
		go func() {
			defer func() { <-b.answering }()
			do()
		}()
	default:
		do()
	}
}

// message translates an update into the dialog's terms; ok is false for
// kinds the desk does not serve (reactions, channel posts, member changes).
func (b *Bot) message(ctx context.Context, u *models.Update) (dialog.Message, bool, error) {
	var msg *models.Message
	m := dialog.Message{Channel: Channel, Seq: u.ID}
	switch {
	case u.Message != nil:
		msg = u.Message
	case u.EditedMessage != nil:
		msg, m.Edited = u.EditedMessage, true
	case u.CallbackQuery != nil:
		cq := u.CallbackQuery
		if cq.Message.Message != nil {
			m.ChatID = strconv.FormatInt(cq.Message.Message.Chat.ID, 10)
			m.Group = cq.Message.Message.Chat.Type != models.ChatTypePrivate
		} else if cq.Message.InaccessibleMessage != nil {
			m.ChatID = strconv.FormatInt(cq.Message.InaccessibleMessage.Chat.ID, 10)
		} else {
			m.ChatID = strconv.FormatInt(cq.From.ID, 10)
		}
		payload, err := b.payloadOf(ctx, cq.Data)
		if err != nil {
			return m, false, err
		}
		m.Payload = payload
		if m.Payload == "" {
			m.Payload = "stale:" // never issued: the desk answers it as a stale button
		}
		return m, true, nil
	default:
		return m, false, nil
	}
	m.ChatID = strconv.FormatInt(msg.Chat.ID, 10)
	m.Group = msg.Chat.Type != models.ChatTypePrivate
	m.MessageID = strconv.Itoa(msg.ID)
	m.At = time.Unix(int64(msg.Date), 0)
	m.Text = msg.Text
	if m.Text == "" {
		m.Text = msg.Caption
	}
	if n := len(msg.Photo); n > 0 {
		p := msg.Photo[n-1] // the largest size comes last
		m.Attachments = append(m.Attachments, dialog.Attachment{Kind: "photo", FileID: p.FileID,
			Size: int64(p.FileSize), Album: msg.MediaGroupID})
	}
	if d := msg.Document; d != nil {
		m.Attachments = append(m.Attachments, dialog.Attachment{Kind: "document", FileID: d.FileID,
			Name: d.FileName, Mime: d.MimeType, Size: d.FileSize, Album: msg.MediaGroupID})
	}
	if l := msg.Location; l != nil {
		m.Location = &dialog.Location{Lat: l.Latitude, Lon: l.Longitude}
	}
	if c := msg.Contact; c != nil {
		// Only the sender's own number is taken: anyone can forward a card.
		if msg.From != nil && c.UserID == msg.From.ID {
			if m.Phone = contactPhone(c.PhoneNumber); m.Phone == "" {
				m.Text = c.PhoneNumber // the desk asks again politely
			}
		} else {
			m.ForeignContact = true
		}
	}
	return m, true, nil
}

// contactPhone normalises a shared contact's number (Telegram sends it
// without "+", e.g. 8613800138000); "" when it is no valid number.
func contactPhone(p string) string {
	if n, ok := dialog.ParsePhone(p); ok {
		return n
	}
	if !strings.HasPrefix(p, "+") {
		if n, ok := dialog.ParsePhone("+" + p); ok {
			return n
		}
	}
	return ""
}
