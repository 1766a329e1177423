package telegram

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"github.com/frontdesk/frontdesk/dialog"
)

// maxCallbackData is Telegram's limit on a button's callback_data, in bytes.
const maxCallbackData = 64

// payloadTTL is how long a stashed long payload stays valid; a press after
// that is answered as a stale button.
const payloadTTL = 30 * 24 * time.Hour

// callbackData fits payload into callback_data: as it is when short enough,
// else as "h:" and a hash, with the payload kept in Redis.
func (b *Bot) callbackData(ctx context.Context, payload string) (string, error) {
	if len(payload) <= maxCallbackData && !strings.HasPrefix(payload, "h:") {
		return payload, nil
	}
	sum := sha256.Sum256([]byte(payload))
	key := "h:" + hex.EncodeToString(sum[:16])
	return key, b.out.Stash(ctx, Channel+":"+key, payload, payloadTTL)
}

// payloadOf reverses callbackData; "" for a hash it never issued.
func (b *Bot) payloadOf(ctx context.Context, data string) (string, error) {
	if !strings.HasPrefix(data, "h:") {
		return data, nil
	}
	return b.out.Unstash(ctx, Channel+":"+data)
}

// markup builds a reply's keyboard: a "share my number" reply keyboard when
// the reply asks for the phone, else inline buttons, two to a row when there
// are many.
func (b *Bot) markup(ctx context.Context, r dialog.Reply) (models.ReplyMarkup, error) {
	for _, bt := range r.Buttons {
		if bt.Contact {
			return &models.ReplyKeyboardMarkup{Keyboard: [][]models.KeyboardButton{{{Text: bt.Label, RequestContact: true}}},
				ResizeKeyboard: true, OneTimeKeyboard: true}, nil
		}
	}
	if len(r.Buttons) == 0 {
		return nil, nil
	}
	perRow := 1
	if len(r.Buttons) > 3 {
		perRow = 2
	}
	var rows [][]models.InlineKeyboardButton
	for i, bt := range r.Buttons {
		data, err := b.callbackData(ctx, bt.Payload)
		if err != nil {
			return nil, err
		}
		if i%perRow == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], models.InlineKeyboardButton{Text: bt.Label, CallbackData: data})
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}, nil
}

// maxText is Telegram's limit on a message's text, in UTF-16 code units.
const maxText = 4096

// split cuts text into pieces Telegram accepts, at line breaks where it can.
func split(text string) []string {
	var parts []string
	for utf16Len(text) > maxText {
		cut := cutAt(text, maxText)
		if i := strings.LastIndex(text[:cut], "\n"); i > cut/2 {
			cut = i + 1
		}
		parts = append(parts, text[:cut])
		text = text[cut:]
	}
	return append(parts, text)
}

func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// cutAt returns the byte offset of the longest prefix of s within n UTF-16
// code units.
func cutAt(s string, n int) int {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return i
		}
		units += w
	}
	return len(s)
}

// botCommands turns the desk's command list into the Bot API's.
func botCommands(cmds []dialog.Button) []models.BotCommand {
	out := make([]models.BotCommand, len(cmds))
	for i, c := range cmds {
		out[i] = models.BotCommand{Command: c.Payload, Description: c.Label}
	}
	return out
}
