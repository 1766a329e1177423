package slacktest

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
)

func newClient(t *testing.T) (*Server, *slack.Client) {
	t.Helper()
	s := NewServer(t)
	return s, slack.New(Token, slack.OptionAPIURL(s.URL))
}

func TestClientAuthTest(t *testing.T) {
	_, api := newClient(t)
	got, err := api.AuthTest()
	if err != nil {
		t.Fatal(err)
	}
	if got.UserID != BotUserID || got.BotID != BotID || got.TeamID != TeamID || got.Team != "Frontdesk Test" {
		t.Errorf("AuthTest = %+v", got)
	}
}

func TestClientMessages(t *testing.T) {
	s, api := newClient(t)
	blocks := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*hi*", false, false), nil, nil)
	ch, ts, err := api.PostMessage("C1", slack.MsgOptionText("hello", false), slack.MsgOptionBlocks(blocks))
	if err != nil {
		t.Fatal(err)
	}
	if ch != "C1" || ts != "1700000000.000100" {
		t.Errorf("PostMessage = %q, %q; want C1, 1700000000.000100", ch, ts)
	}
	_, ts2, msg, err := api.PostMessageWithResponse("C1", slack.MsgOptionText("reply", false), slack.MsgOptionTS(ts))
	if err != nil {
		t.Fatal(err)
	}
	if ts2 <= ts || msg.ThreadTimestamp != ts || msg.Text != "reply" || msg.BotID != BotID || msg.User != BotUserID {
		t.Errorf("reply ts %q, message %+v; want a later ts in thread %s", ts2, msg.Msg, ts)
	}

	ch, uts, text, err := api.UpdateMessage("C1", ts, slack.MsgOptionText("edited", false))
	if err != nil || ch != "C1" || uts != ts || text != "edited" {
		t.Errorf("UpdateMessage = %q, %q, %q, %v", ch, uts, text, err)
	}
	ets, err := api.PostEphemeral("C1", "U1", slack.MsgOptionText("only you", false))
	if err != nil || ets <= ts2 {
		t.Errorf("PostEphemeral = %q, %v; want a ts after %s", ets, err, ts2)
	}

	post := s.CallsTo("chat.postMessage")[0]
	if post.Fields["text"] != "hello" || !strings.Contains(post.Fields["blocks"], `"*hi*"`) {
		t.Errorf("recorded %s", post)
	}
	if _, ok := post.Fields["token"]; ok {
		t.Errorf("token recorded among fields: %s", post)
	}
	if e := s.CallsTo("chat.postEphemeral")[0]; e.Fields["user"] != "U1" {
		t.Errorf("recorded %s", e)
	}
	if n := len(s.Calls()); n != 4 {
		t.Errorf("%d calls recorded, want 4", n)
	}
}

func TestClientOpenView(t *testing.T) {
	s, api := newClient(t)
	view := slack.ModalViewRequest{
		Type:       slack.VTModal,
		Title:      slack.NewTextBlockObject(slack.PlainTextType, "Repair", false, false),
		CallbackID: "repair",
		Blocks:     slack.Blocks{BlockSet: []slack.Block{slack.NewDividerBlock()}},
	}
	got, err := api.OpenView(TriggerID, view)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != ViewID || got.CallbackID != "repair" || got.Title.Text != "Repair" {
		t.Errorf("OpenView = %+v", got.View)
	}
	call := s.WaitCalls(t, "views.open", 1, time.Second)[0]
	var sent slack.ModalViewRequest
	if err := json.Unmarshal([]byte(call.Fields["view"]), &sent); err != nil || sent.CallbackID != "repair" {
		t.Errorf("recorded view %q: %v", call.Fields["view"], err)
	}
	if call.Fields["trigger_id"] != TriggerID {
		t.Errorf("recorded %s", call)
	}
}

func TestClientUsersAndChannels(t *testing.T) {
	_, api := newClient(t)
	u, err := api.GetUserInfo("U42")
	if err != nil {
		t.Fatal(err)
	}
	if u.ID != "U42" || u.Name != "staff-U42" || u.RealName != "Staff U42" || u.Profile.DisplayName != "Staff U42" {
		t.Errorf("GetUserInfo = %+v", u)
	}
	c, err := api.GetConversationInfo(&slack.GetConversationInfoInput{ChannelID: "C7"})
	if err != nil || c.ID != "C7" || c.Name == "" {
		t.Errorf("GetConversationInfo = %+v, %v", c, err)
	}
	if err := api.AddReaction("eyes", slack.NewRefToMessage("C7", "1.2")); err != nil {
		t.Errorf("AddReaction: %v", err)
	}
}

func TestInvalidAuth(t *testing.T) {
	s := NewServer(t)
	api := slack.New("xoxb-wrong", slack.OptionAPIURL(s.URL))
	s.Fail("auth.test", 1, ServerError())
	if _, err := api.AuthTest(); err == nil || err.Error() != "invalid_auth" {
		t.Errorf("AuthTest with a wrong token: %v, want invalid_auth", err)
	}
	if _, err := api.OpenView(TriggerID, slack.ModalViewRequest{Type: slack.VTModal}); err == nil || err.Error() != "invalid_auth" {
		t.Errorf("OpenView (JSON, Bearer) with a wrong token: %v, want invalid_auth", err)
	}
	if calls := s.Calls(); len(calls) != 2 || !calls[0].Failed || !calls[1].Failed {
		t.Errorf("calls %v, want 2 failed", calls)
	}
	// The injected failure is still pending for an authorised client.
	good := slack.New(Token, slack.OptionAPIURL(s.URL))
	if _, err := good.AuthTest(); err == nil {
		t.Error("injected failure was consumed by the unauthorised call")
	}
}

func TestFail(t *testing.T) {
	tests := []struct {
		name  string
		f     Failure
		check func(error) bool
	}{
		{"rate limited", RateLimited(7), func(err error) bool {
			var rl *slack.RateLimitedError
			return errors.As(err, &rl) && rl.RetryAfter == 7*time.Second
		}},
		{"server error", ServerError(), func(err error) bool {
			var sc slack.StatusCodeError
			return errors.As(err, &sc) && sc.Code == 500
		}},
		{"api error", APIError("channel_not_found"), func(err error) bool {
			return err != nil && err.Error() == "channel_not_found"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, api := newClient(t)
			s.Fail("chat.postMessage", 2, tt.f)
			for i := range 2 {
				if _, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false)); !tt.check(err) {
					t.Errorf("call %d: error %#v", i, err)
				}
			}
			if _, err := api.AuthTest(); err != nil {
				t.Errorf("other method failed: %v", err)
			}
			if _, _, err := api.PostMessage("C1", slack.MsgOptionText("x", false)); err != nil {
				t.Errorf("third call: %v, want success", err)
			}
			calls := s.CallsTo("chat.postMessage")
			if len(calls) != 3 || !calls[0].Failed || !calls[1].Failed || calls[2].Failed {
				t.Errorf("calls %v, want 2 failed then 1 ok", calls)
			}
		})
	}
}

func TestConcurrentPostsGetUniqueTimestamps(t *testing.T) {
	s, api := newClient(t)
	const n = 20
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		tss = map[string]bool{}
	)
	for i := range n {
		wg.Go(func() {
			_, ts, err := api.PostMessage("C1", slack.MsgOptionText(fmt.Sprint(i), false))
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			tss[ts] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(tss) != n || len(s.WaitCalls(t, "chat.postMessage", n, time.Second)) != n {
		t.Errorf("%d distinct timestamps for %d posts", len(tss), n)
	}
}

func TestWaitCallsAndReset(t *testing.T) {
	s, api := newClient(t)
	go func() {
		time.Sleep(20 * time.Millisecond)
		if _, err := api.AuthTest(); err != nil {
			t.Error(err)
		}
	}()
	if got := s.WaitCalls(t, "auth.test", 1, 2*time.Second); len(got) != 1 {
		t.Errorf("WaitCalls = %v", got)
	}
	s.Fail("auth.test", 1, ServerError())
	s.Reset()
	if len(s.Calls()) != 0 {
		t.Errorf("calls after Reset: %v", s.Calls())
	}
	if _, err := api.AuthTest(); err != nil {
		t.Errorf("failure survived Reset: %v", err)
	}

	rec := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.WaitCalls(rec, "chat.postMessage", 1, 20*time.Millisecond)
	}()
	<-done
	if !strings.Contains(rec.msg, "want 1 calls to chat.postMessage") || !strings.Contains(rec.msg, "auth.test") {
		t.Errorf("timeout message %q should name the method and list the calls", rec.msg)
	}
}

// fatalRecorder captures Fatalf and ends its goroutine, as testing.T does.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
