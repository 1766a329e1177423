package slacktest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

func TestSignMatchesSlackExample(t *testing.T) {
	// From https://api.slack.com/authentication/verifying-requests-from-slack.
	body := "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
	const want = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"
	if got := Sign("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, []byte(body)); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

func TestPostIsVerifiedBySlackGo(t *testing.T) {
	const secret = "s3cret"
	type seen struct {
		header http.Header
		body   []byte
		err    error
	}
	got := make(chan seen, 1)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err == nil {
			var sv slack.SecretsVerifier
			if sv, err = slack.NewSecretsVerifier(r.Header, secret); err == nil {
				sv.Write(body)
				err = sv.Ensure()
			}
		}
		got <- seen{r.Header, body, err}
	}))
	t.Cleanup(app.Close)

	body := SlashCommand("U1", "C1", "status 42")
	resp := Post(t, app.URL, secret, body, ContentTypeForm, map[string]string{"X-Slack-Retry-Num": "1"})
	resp.Body.Close()
	s := <-got
	if s.err != nil || !bytes.Equal(s.body, body) {
		t.Errorf("slack-go verification: %v (body %q)", s.err, s.body)
	}
	if s.header.Get("Content-Type") != ContentTypeForm || s.header.Get("X-Slack-Retry-Num") != "1" {
		t.Errorf("headers %v", s.header)
	}

	stale := time.Now().Add(-10 * time.Minute).Unix()
	resp = PostAt(t, app.URL, secret, body, ContentTypeForm, stale, nil)
	resp.Body.Close()
	if s = <-got; s.err == nil || s.header.Get("X-Slack-Request-Timestamp") != strconv.FormatInt(stale, 10) {
		t.Errorf("stale request: err %v, headers %v; want rejected", s.err, s.header)
	}
}

func TestURLVerification(t *testing.T) {
	ev, err := slackevents.ParseEvent(json.RawMessage(URLVerification("ch4llenge")), slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatal(err)
	}
	uv, ok := ev.Data.(*slackevents.EventsAPIURLVerificationEvent)
	if ev.Type != slackevents.URLVerification || !ok || uv.Challenge != "ch4llenge" {
		t.Errorf("parsed %+v", ev)
	}
}

func TestMessageEvents(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want slackevents.MessageEvent
	}{
		{"top level", MessageEvent("Ev1", "C1", "U1", "my kettle broke", "1700000001.000200", ""),
			slackevents.MessageEvent{Channel: "C1", User: "U1", Text: "my kettle broke",
				TimeStamp: "1700000001.000200", EventTimeStamp: "1700000001.000200"}},
		{"in thread", MessageEvent("Ev2", "C1", "U1", "still broken", "1700000002.000300", "1700000001.000200"),
			slackevents.MessageEvent{Channel: "C1", User: "U1", Text: "still broken",
				TimeStamp: "1700000002.000300", EventTimeStamp: "1700000002.000300", ThreadTimeStamp: "1700000001.000200"}},
		{"bot", BotMessageEvent("Ev3", "C1", "Thanks!", "1700000003.000400", "1700000001.000200"),
			slackevents.MessageEvent{Channel: "C1", User: BotUserID, BotID: BotID, SubType: "bot_message", Text: "Thanks!",
				TimeStamp: "1700000003.000400", EventTimeStamp: "1700000003.000400", ThreadTimeStamp: "1700000001.000200"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev, err := slackevents.ParseEvent(json.RawMessage(tt.body), slackevents.OptionNoVerifyToken())
			if err != nil {
				t.Fatal(err)
			}
			cb, ok := ev.Data.(*slackevents.EventsAPICallbackEvent)
			if ev.Type != slackevents.CallbackEvent || ev.TeamID != TeamID || !ok || cb.EventID == "" || cb.EventTime == 0 {
				t.Errorf("envelope %+v", ev)
			}
			m, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
			if !ok {
				t.Fatalf("inner event %T", ev.InnerEvent.Data)
			}
			if m.Type != "message" || m.ChannelType != "channel" || m.Channel != tt.want.Channel ||
				m.User != tt.want.User || m.Text != tt.want.Text || m.TimeStamp != tt.want.TimeStamp ||
				m.EventTimeStamp != tt.want.EventTimeStamp || m.ThreadTimeStamp != tt.want.ThreadTimeStamp ||
				m.BotID != tt.want.BotID || m.SubType != tt.want.SubType {
				t.Errorf("message event %+v, want %+v", m, tt.want)
			}
		})
	}
	if bytes.Contains(MessageEvent("Ev1", "C1", "U1", "x", "1.2", ""), []byte("thread_ts")) {
		t.Error("thread_ts sent for a top-level message")
	}
}

// parseInteraction decodes an interactivity body the way an app does.
func parseInteraction(t *testing.T, body []byte) slack.InteractionCallback {
	t.Helper()
	form, err := url.ParseQuery(string(body))
	if err != nil || len(form) != 1 {
		t.Fatalf("form %q: %v; want the single field payload", body, err)
	}
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		t.Fatal(err)
	}
	return cb
}

func TestBlockActions(t *testing.T) {
	tests := []struct {
		name                  string
		body                  []byte
		kind, actionID, value string
	}{
		{"button", BlockAction("U1", "C1", "1700000000.000100", "close_ticket", "T-42"), "button", "close_ticket", "T-42"},
		{"static select", StaticSelectAction("U1", "C1", "1700000000.000100", "pick_slot", "tue-10"), "static_select", "pick_slot", "tue-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb := parseInteraction(t, tt.body)
			if cb.Type != slack.InteractionTypeBlockActions || cb.User.ID != "U1" || cb.Channel.ID != "C1" ||
				cb.Container.ChannelID != "C1" || cb.Container.MessageTs != "1700000000.000100" ||
				cb.Message.Timestamp != "1700000000.000100" || cb.TriggerID != TriggerID || cb.ResponseURL == "" {
				t.Errorf("callback %+v", cb)
			}
			if len(cb.ActionCallback.BlockActions) != 1 {
				t.Fatalf("%d block actions", len(cb.ActionCallback.BlockActions))
			}
			a := cb.ActionCallback.BlockActions[0]
			value := a.Value
			if tt.kind == "static_select" {
				value = a.SelectedOption.Value
			}
			if string(a.Type) != tt.kind || a.ActionID != tt.actionID || a.BlockID != "b1" || value != tt.value {
				t.Errorf("action %+v", a)
			}
		})
	}
}

func TestViewSubmission(t *testing.T) {
	cb := parseInteraction(t, ViewSubmission("U1", "repair", `{"ticket":42}`,
		map[string]map[string]string{"serial": {"serial_input": "SN-1"}, "fault": {"fault_input": "no power"}}))
	if cb.Type != slack.InteractionTypeViewSubmission || cb.User.ID != "U1" || cb.View.ID != ViewID ||
		cb.View.CallbackID != "repair" || cb.View.PrivateMetadata != `{"ticket":42}` || cb.View.State == nil {
		t.Fatalf("callback %+v", cb)
	}
	v := cb.View.State.Values
	if v["serial"]["serial_input"].Value != "SN-1" || v["fault"]["fault_input"].Value != "no power" ||
		v["fault"]["fault_input"].Type != "plain_text_input" {
		t.Errorf("state values %+v", v)
	}
}

func TestSlashCommand(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/slack/commands", bytes.NewReader(SlashCommand("U1", "C1", "status 42")))
	r.Header.Set("Content-Type", ContentTypeForm)
	cmd, err := slack.SlashCommandParse(r)
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Command != Command || cmd.Text != "status 42" || cmd.UserID != "U1" || cmd.UserName != "staff-U1" ||
		cmd.ChannelID != "C1" || cmd.ChannelName == "" || cmd.TeamID != TeamID || cmd.TriggerID != TriggerID ||
		cmd.ResponseURL == "" || cmd.Token != VerificationToken {
		t.Errorf("slash command %+v", cmd)
	}
}
