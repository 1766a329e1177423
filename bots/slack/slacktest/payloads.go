package slacktest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Values inbound payloads carry, for handlers that check them.
const (
	// VerificationToken is the legacy token field Slack still puts in payloads.
	VerificationToken = "vtoken-test"
	// TriggerID is the trigger_id of interactions and slash commands, for views.open.
	TriggerID = "T123.trigger"
	// Command is the slash command SlashCommand invokes.
	Command = "/frontdesk"
)

const responseURL = "https://hooks.slack.com/actions/" + TeamID + "/1700000000/resp0TEST"

// URLVerification is the Events API handshake Slack sends when the request URL is
// set; the app must answer with challenge.
func URLVerification(challenge string) []byte {
	return mustJSON(obj{"token": VerificationToken, "challenge": challenge, "type": "url_verification"})
}

// MessageEvent is an Events API callback for a message user posted in channel at ts;
// threadTS is empty for a top-level message.
func MessageEvent(eventID, channel, user, text, ts, threadTS string) []byte {
	ev := obj{"type": "message", "channel": channel, "user": user, "text": text,
		"ts": ts, "event_ts": ts, "channel_type": "channel", "team": TeamID}
	if threadTS != "" {
		ev["thread_ts"] = threadTS
	}
	return eventCallback(eventID, ts, ev)
}

// BotMessageEvent is the callback Slack sends for a message the bot itself posted,
// which an app must recognise (by bot_id) and ignore.
func BotMessageEvent(eventID, channel, text, ts, threadTS string) []byte {
	ev := obj{"type": "message", "subtype": "bot_message", "channel": channel,
		"user": BotUserID, "bot_id": BotID, "app_id": AppID, "text": text,
		"ts": ts, "event_ts": ts, "channel_type": "channel", "team": TeamID}
	if threadTS != "" {
		ev["thread_ts"] = threadTS
	}
	return eventCallback(eventID, ts, ev)
}

// eventCallback wraps an inner event in the event_callback envelope; event_time is
// the second of ts, so a payload is the same every time it is built.
func eventCallback(eventID, ts string, event obj) []byte {
	sec, _, _ := strings.Cut(ts, ".")
	when, err := strconv.ParseInt(sec, 10, 64)
	if err != nil {
		when = time.Now().Unix()
	}
	return mustJSON(obj{
		"token": VerificationToken, "team_id": TeamID, "api_app_id": AppID,
		"event": event, "type": "event_callback", "event_id": eventID, "event_time": when,
		"authorizations": []obj{{"enterprise_id": nil, "team_id": TeamID, "user_id": BotUserID,
			"is_bot": true, "is_enterprise_install": false}},
		"is_ext_shared_channel": false,
	})
}

// BlockAction is the interactivity request for user clicking the button actionID,
// carrying value, on the message at messageTS in channel.
func BlockAction(user, channel, messageTS, actionID, value string) []byte {
	return blockActions(user, channel, messageTS, obj{"action_id": actionID, "block_id": "b1",
		"type": "button", "value": value, "action_ts": actionTS(),
		"text": obj{"type": "plain_text", "text": value, "emoji": true}})
}

// StaticSelectAction is the interactivity request for user choosing the option
// selected in the static select menu actionID on the message at messageTS.
func StaticSelectAction(user, channel, messageTS, actionID, selected string) []byte {
	return blockActions(user, channel, messageTS, obj{"action_id": actionID, "block_id": "b1",
		"type": "static_select", "action_ts": actionTS(),
		"selected_option": obj{"value": selected, "text": obj{"type": "plain_text", "text": selected}}})
}

func blockActions(user, channel, messageTS string, action obj) []byte {
	return interaction(obj{
		"type": "block_actions", "user": payloadUser(user), "api_app_id": AppID,
		"token": VerificationToken, "team": payloadTeam(), "trigger_id": TriggerID,
		"container": obj{"type": "message", "message_ts": messageTS, "channel_id": channel,
			"is_ephemeral": false},
		"channel":      obj{"id": channel, "name": channelName(channel)},
		"message":      obj{"type": "message", "ts": messageTS, "user": BotUserID, "bot_id": BotID},
		"response_url": responseURL,
		"actions":      []obj{action},
	})
}

// ViewSubmission is the interactivity request for user submitting the modal
// callbackID; values maps block id to action id to the text typed in that input.
func ViewSubmission(user, callbackID, privateMetadata string, values map[string]map[string]string) []byte {
	state := obj{}
	for blockID, inputs := range values {
		block := obj{}
		for actionID, v := range inputs {
			block[actionID] = obj{"type": "plain_text_input", "value": v}
		}
		state[blockID] = block
	}
	return interaction(obj{
		"type": "view_submission", "user": payloadUser(user), "api_app_id": AppID,
		"token": VerificationToken, "team": payloadTeam(), "trigger_id": TriggerID,
		"view": obj{"id": ViewID, "team_id": TeamID, "type": "modal", "callback_id": callbackID,
			"private_metadata": privateMetadata, "state": obj{"values": state},
			"hash": "1700000000.abcdef", "root_view_id": ViewID, "app_id": AppID, "bot_id": BotID,
			"title": obj{"type": "plain_text", "text": "Frontdesk"}, "blocks": []obj{}},
		"response_urls":         []obj{},
		"is_enterprise_install": false,
	})
}

// SlashCommand is the request Slack sends when user types Command text in channel.
func SlashCommand(user, channel, text string) []byte {
	return []byte(url.Values{
		"token":        {VerificationToken},
		"team_id":      {TeamID},
		"team_domain":  {"frontdesk-test"},
		"channel_id":   {channel},
		"channel_name": {channelName(channel)},
		"user_id":      {user},
		"user_name":    {userName(user)},
		"command":      {Command},
		"text":         {text},
		"api_app_id":   {AppID},
		"response_url": {strings.Replace(responseURL, "/actions/", "/commands/", 1)},
		"trigger_id":   {TriggerID},
	}.Encode())
}

// interaction form-encodes payload as the single field Slack posts it in.
func interaction(payload obj) []byte {
	return []byte(url.Values{"payload": {string(mustJSON(payload))}}.Encode())
}

func payloadUser(id string) obj {
	return obj{"id": id, "username": userName(id), "name": userName(id), "team_id": TeamID}
}

func payloadTeam() obj { return obj{"id": TeamID, "domain": "frontdesk-test"} }

// actionTS is when the user acted, in Slack's "seconds.micros" form.
func actionTS() string {
	now := time.Now()
	return fmt.Sprintf("%d.%06d", now.Unix(), now.Nanosecond()/1000)
}

// mustJSON marshals a payload built here from strings and maps, which cannot fail.
func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("slacktest: " + err.Error())
	}
	return b
}
