package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"

	"github.com/go-telegram/bot"
)

// field is one field of a Bot API call's form, in the order sent.
type field struct{ name, value string }

// maxAnswer caps the body of a Bot API answer read by post: a sent
// message's echo is a few kilobytes.
const maxAnswer = 1 << 20

// post makes one Bot API call of the hot path (sendMessage, and the answer
// to a pressed button) with the same multipart form the library sends,
// built in one buffer. The library streams each call's form through a
// goroutine and a pipe, builds it by reflection, and decodes the whole sent
// message that comes back: a tenth of the desk's CPU in the profile under
// load (README, Performance). Only whether the call succeeded is read here,
// and a failure comes back as the library's errors (bot.ErrorForbidden,
// *bot.TooManyRequestsError, ...) so that judge reads both paths alike.
func (b *Bot) post(ctx context.Context, method string, fields ...field) error {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	for _, f := range fields {
		if err := form.WriteField(f.name, f.value); err != nil {
			return err
		}
	}
	if err := form.Close(); err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.cfg.APIURL+"/bot"+b.cfg.Token+"/"+method, &body)
	if err != nil {
		return fmt.Errorf("error create request for method %s, %w", method, redactToken(err, b.cfg.Token))
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := b.http.Do(req)
	if err != nil {
		return fmt.Errorf("error do request for method %s, %w", method, redactToken(err, b.cfg.Token))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("error read response body for method %s, %w", method, err)
	}
	return answerError(method, resp.StatusCode, resp.Header.Get("Retry-After"), raw, b.cfg.Token)
}

// okAnswer is how the Bot API's answer to a call that succeeded begins.
var okAnswer = []byte(`{"ok":true,`)

// answerError reads a Bot API answer: nil when ok, else the library's error
// for its error_code. An answer that is not the Bot API's JSON (a proxy's
// page) is an error to try again, but for a 200, which only a call that
// succeeded gets (sent again, the customer would read it twice), and a 429,
// which waits its Retry-After header. token is kept out of the error.
func answerError(method string, status int, retryAfter string, raw []byte, token string) error {
	if status == http.StatusOK && bytes.HasPrefix(raw, okAnswer) {
		return nil // as Telegram writes a success: the message echoed need not be read
	}
	var a struct {
		OK          bool   `json:"ok"`
		ErrorCode   int    `json:"error_code"`
		Description string `json:"description"`
		Parameters  struct {
			RetryAfter      int   `json:"retry_after"`
			MigrateToChatID int64 `json:"migrate_to_chat_id"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		switch status {
		case http.StatusOK:
			return nil
		case http.StatusTooManyRequests:
			after, _ := strconv.Atoi(retryAfter)
			return &bot.TooManyRequestsError{Message: fmt.Sprintf("%s, HTTP 429", bot.ErrorTooManyRequests), RetryAfter: after}
		}
		page := bytes.ReplaceAll(raw[:min(len(raw), 200)], []byte(token), []byte("***"))
		return fmt.Errorf("error decode response body for method %s, HTTP %d, %q: %w", method, status, page, err)
	}
	if a.OK {
		return nil
	}
	switch a.ErrorCode {
	case http.StatusForbidden:
		return fmt.Errorf("%w, %s", bot.ErrorForbidden, a.Description)
	case http.StatusBadRequest:
		if a.Parameters.MigrateToChatID != 0 {
			return &bot.MigrateError{Message: fmt.Sprintf("%s: %s", bot.ErrorBadRequest, a.Description),
				MigrateToChatID: int(a.Parameters.MigrateToChatID)}
		}
		return fmt.Errorf("%w, %s", bot.ErrorBadRequest, a.Description)
	case http.StatusUnauthorized:
		return fmt.Errorf("%w, %s", bot.ErrorUnauthorized, a.Description)
	case http.StatusNotFound:
		return fmt.Errorf("%w, %s", bot.ErrorNotFound, a.Description)
	case http.StatusConflict:
		return fmt.Errorf("%w, %s", bot.ErrorConflict, a.Description)
	case http.StatusTooManyRequests:
		return &bot.TooManyRequestsError{Message: fmt.Sprintf("%s, %s", bot.ErrorTooManyRequests, a.Description),
			RetryAfter: a.Parameters.RetryAfter}
	}
	return fmt.Errorf("error response from telegram for method %s, %d %s", method, a.ErrorCode, a.Description)
}

// sendMessage sends text to chat, with markup (JSON) when not empty, in
// plain text (no parse_mode).
func (b *Bot) sendMessage(ctx context.Context, chat int64, text string, markup []byte) error {
	fields := []field{{"chat_id", strconv.FormatInt(chat, 10)}, {"text", text}}
	if len(markup) > 0 {
		fields = append(fields, field{"reply_markup", string(markup)})
	}
	return b.post(ctx, "sendMessage", fields...)
}
