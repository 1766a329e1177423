// Command floorbot is the least a Telegram bot written in Go does for an
// update, run under `frontdesk loadtest` to measure the floor the desk's own
// figure stands on: the webhook's request decoded, a session read and
// written in Redis (one GET, one SET, as a minimal bot framework keeps
// them), a pressed button answered, the webhook answered, and the replies
// the desk sends for the load command's customer, as many and as long, with
// the summary's two buttons (replies). It keeps nothing durable, queues
// nothing, writes no SQL, understands nothing and does not deduplicate
// updates; it answers a button before its reply, where the desk answers it
// beside its turn. It is not a desk but a measuring instrument, kept out of
// the desk's packages (README, Performance).
//
//	go build -o /tmp/floorbot ./loadtest/floorbot
//	FRONTDESK_LOADTEST_DESK=/tmp/floorbot go run . loadtest -conversations 1800 -read 3s
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"mime/multipart"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	url := os.Getenv("REDIS_URL")
	if url == "" { // the zero-setup default, as the desk's: Redis in the process
		mr := miniredis.NewMiniRedis()
		if err := mr.Start(); err != nil {
			log.Fatal(err)
		}
		defer mr.Close()
		url = "redis://" + mr.Addr()
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		log.Fatal(err)
	}
	f := &floor{rdb: redis.NewClient(opt), prefix: os.Getenv("REDIS_PREFIX"), secret: os.Getenv("TELEGRAM_WEBHOOK_SECRET"),
		api: os.Getenv("TELEGRAM_API_URL") + "/bot" + os.Getenv("TELEGRAM_BOT_TOKEN") + "/"}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	f.hc = &http.Client{Transport: tr, Timeout: 30 * time.Second}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if err := f.rdb.Ping(r.Context()).Err(); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
		}
	})
	mux.HandleFunc("POST /telegram/webhook", f.webhook)
	srv := &http.Server{Addr: env("FRONTDESK_ADDR", "127.0.0.1:8080"), Handler: mux}
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// floor is the bot.
type floor struct {
	rdb            *redis.Client
	hc             *http.Client
	prefix, secret string
	api            string
}

// session is what the bot keeps of a chat between updates.
type session struct {
	Step  int               `json:"step"`
	Slots map[string]string `json:"slots,omitempty"`
}

// webhook answers one update: 401 without the secret, 400 when unreadable,
// else the button's answer, the session's read and write and the step's
// replies, then 200. Each reply carries a ticket-like number, which the
// load command's last step looks for.
func (f *floor) webhook(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != f.secret {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var u models.Update
	if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
		http.Error(w, "malformed update", http.StatusBadRequest)
		return
	}
	ctx := r.Context()
	var chat int64
	switch {
	case u.Message != nil:
		chat = u.Message.Chat.ID
	case u.CallbackQuery != nil:
		chat = u.CallbackQuery.From.ID // a private chat's id is its user's
		f.post(ctx, "answerCallbackQuery", "callback_query_id", u.CallbackQuery.ID)
	default:
		return
	}
	key := f.prefix + "floor:" + strconv.FormatInt(chat, 10)
	var s session
	if raw, err := f.rdb.Get(ctx, key).Bytes(); err == nil {
		json.Unmarshal(raw, &s)
	}
	s.Step++
	raw, _ := json.Marshal(s)
	if err := f.rdb.Set(ctx, key, raw, time.Hour).Err(); err != nil {
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	for _, rp := range replies[min(s.Step, len(replies))-1] {
		text := "FD-" + strconv.Itoa(1000+s.Step) + " " + strings.Repeat("x", rp.bytes)
		kv := []string{"chat_id", strconv.FormatInt(chat, 10), "text", text}
		if rp.buttons {
			// the read-back repeats what was typed (the name), as a form's does
			if u.Message != nil {
				kv[3] = u.Message.Text + " " + text[:max(0, len(text)-len(u.Message.Text)-1)]
			}
			kv = append(kv, "reply_markup", buttons)
		}
		if err := f.post(ctx, "sendMessage", kv...); err != nil {
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
	}
}

// reply is one message the bot sends: its length, and whether it carries
// the two buttons.
type reply struct {
	bytes   int
	buttons bool
}

// replies are what the desk sends for each of the load command's steps
// (prompts/loadtest.yaml), by length: two short lines for the report, the
// summary with its buttons for the name, the ticket's number and, out of
// working hours, when staff will take it up, for the confirmation. A chat
// that goes on gets the last step's.
var replies = [][]reply{{{84, false}, {69, false}}, {{460, true}}, {{257, false}, {68, false}}}

// buttons is the summary's keyboard, as the desk sends it.
const buttons = `{"inline_keyboard":[[{"text":"confirm","callback_data":"c:1:confirm:yes"}],[{"text":"change","callback_data":"c:1:confirm:edit"}]]}`

// post makes one Bot API call as a multipart form, as the desk does, and
// reads whether it succeeded.
func (f *floor) post(ctx context.Context, method string, kv ...string) error {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	for i := 0; i+1 < len(kv); i += 2 {
		form.WriteField(kv[i], kv[i+1])
	}
	form.Close()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, f.api+method, &body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	res, err := f.hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	var a struct {
		OK          bool   `json:"ok"`
		Description string `json:"description"`
	}
	if err := json.Unmarshal(raw, &a); err != nil || !a.OK {
		return errors.New(method + ": " + a.Description)
	}
	return nil
}
