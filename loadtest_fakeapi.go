package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// sentText is a text the desk sent, and when its sendMessage arrived: the
// latency is read from that time, not from when the waiting customer's
// goroutine runs, which on a busy machine comes later.
type sentText struct {
	text string
	at   time.Time
}

// fakeBotAPI answers the Bot API calls the desk makes and hands each
// chat's sent texts to whoever waits for them.
type fakeBotAPI struct {
	mu      sync.Mutex
	waits   map[int64]chan sentText
	msgID   atomic.Int64 // messages sent
	answers atomic.Int64 // buttons answered
}

func newFakeBotAPI() *fakeBotAPI { return &fakeBotAPI{waits: map[int64]chan sentText{}} }

// expect returns the channel the texts sent to chat arrive on from now
// until done (a few are kept while nobody reads; more are dropped).
func (a *fakeBotAPI) expect(chat int64) <-chan sentText {
	ch := make(chan sentText, 4)
	a.mu.Lock()
	a.waits[chat] = ch
	a.mu.Unlock()
	return ch
}

// done stops handing chat's texts to its waiter.
func (a *fakeBotAPI) done(chat int64) {
	a.mu.Lock()
	delete(a.waits, chat)
	a.mu.Unlock()
}

// ServeHTTP answers a Bot API call. Only sendMessage's chat_id and text
// are read (from the multipart form the desk sends, part by part), and
// its answer is written without reflection: the generator shares the
// machine with the desk, so what it spends is taken from the desk's
// latency (README, Performance).
func (a *fakeBotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	_, method, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	w.Header().Set("Content-Type", "application/json")
	switch strings.ToLower(method) {
	case "getme":
		io.WriteString(w, `{"ok":true,"result":{"id":123456,"is_bot":true,"first_name":"Frontdesk","username":"frontdesk_bot"}}`)
	case "sendmessage":
		chat, text := formChatText(r)
		quoted, _ := json.Marshal(text)
		out := fmt.Appendf(make([]byte, 0, 160+len(quoted)),
			`{"ok":true,"result":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private"},"text":%s}}`,
			a.msgID.Add(1), time.Now().Unix(), chat, quoted)
		w.Write(out)
		a.mu.Lock()
		if ch := a.waits[chat]; ch != nil {
			select {
			case ch <- sentText{text, at}:
			default:
			}
		}
		a.mu.Unlock()
	case "answercallbackquery":
		a.answers.Add(1)
		io.WriteString(w, `{"ok":true,"result":true}`)
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

// formChatText reads chat_id and text from a call's form: multipart, as
// the desk sends it, or anything net/http parses.
func formChatText(r *http.Request) (int64, string) {
	mr, err := r.MultipartReader()
	if err != nil {
		_ = r.ParseForm()
		chat, _ := strconv.ParseInt(r.FormValue("chat_id"), 10, 64)
		return chat, r.FormValue("text")
	}
	var chat int64
	var text string
	for {
		p, err := mr.NextPart()
		if err != nil {
			return chat, text
		}
		switch p.FormName() {
		case "chat_id":
			v, _ := io.ReadAll(io.LimitReader(p, 32))
			chat, _ = strconv.ParseInt(string(v), 10, 64)
		case "text":
			v, _ := io.ReadAll(io.LimitReader(p, 1<<16))
			text = string(v)
		}
	}
}
