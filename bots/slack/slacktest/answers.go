package slacktest

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ViewID is the id views.open gives every view, and the one ViewSubmission sends.
const ViewID = "V0001"

type obj = map[string]any

// answer returns the documented body of a successful call to method.
func (s *Server) answer(method string, f map[string]string) obj {
	switch method {
	case "auth.test":
		return obj{"ok": true, "url": "https://frontdesk-test.slack.com/", "team": "Frontdesk Test",
			"user": "frontdesk", "team_id": TeamID, "user_id": BotUserID, "bot_id": BotID}
	case "chat.postMessage":
		ts := s.nextTS()
		return obj{"ok": true, "channel": f["channel"], "ts": ts, "message": botMessage(f, ts)}
	case "chat.update":
		return obj{"ok": true, "channel": f["channel"], "ts": f["ts"], "text": f["text"],
			"message": botMessage(f, f["ts"])}
	case "chat.postEphemeral":
		return obj{"ok": true, "message_ts": s.nextTS()}
	case "views.open", "views.push", "views.update":
		return obj{"ok": true, "view": openedView(f["view"])}
	case "users.info":
		return obj{"ok": true, "user": staffUser(f["user"])}
	case "conversations.info":
		return obj{"ok": true, "channel": obj{"id": f["channel"], "name": channelName(f["channel"]),
			"is_channel": true, "is_member": true, "is_private": false, "is_archived": false,
			"context_team_id": TeamID}}
	case "files.getUploadURLExternal":
		id := fmt.Sprintf("F%04d", len(s.CallsTo(method)))
		return obj{"ok": true, "file_id": id, "upload_url": s.URL + "upload/" + id}
	case "files.completeUploadExternal":
		var files []obj
		_ = json.Unmarshal([]byte(f["files"]), &files) // the request's own list, echoed
		return obj{"ok": true, "files": files}
	default: // reactions.add, chat.delete, conversations.join, ...
		return obj{"ok": true}
	}
}

// nextTS hands out message timestamps in Slack's "seconds.micros" form, unique and
// increasing both as numbers and as strings, so tests can predict and order them.
func (s *Server) nextTS() string {
	s.mu.Lock()
	s.lastTS++
	micros := s.lastTS * 100
	s.mu.Unlock()
	return fmt.Sprintf("%d.%06d", 1700000000+micros/1e6, micros%1e6)
}

// botMessage is the message object chat.postMessage and chat.update echo back.
func botMessage(f map[string]string, ts string) obj {
	m := obj{"type": "message", "text": f["text"], "user": BotUserID, "bot_id": BotID,
		"app_id": AppID, "team": TeamID, "ts": ts}
	if f["thread_ts"] != "" {
		m["thread_ts"] = f["thread_ts"]
	}
	if json.Valid([]byte(f["blocks"])) {
		m["blocks"] = json.RawMessage(f["blocks"])
	}
	return m
}

// openedView is the view views.open returns: the one sent, with the fields Slack adds.
func openedView(sent string) obj {
	var v obj
	if json.Unmarshal([]byte(sent), &v) != nil || v == nil {
		v = obj{} // not a JSON object: the recorded call shows what was sent
	}
	v["id"], v["team_id"], v["app_id"], v["bot_id"] = ViewID, TeamID, AppID, BotID
	v["hash"] = "1700000000.abcdef"
	v["root_view_id"] = ViewID
	v["state"] = obj{"values": obj{}}
	return v
}

// staffUser is the profile users.info gives for id: every user is a staff member.
func staffUser(id string) obj {
	full := "Staff " + id
	return obj{"id": id, "team_id": TeamID, "name": userName(id), "real_name": full,
		"deleted": false, "is_bot": false, "tz": "UTC",
		"profile": obj{"display_name": full, "real_name": full,
			"display_name_normalized": full, "real_name_normalized": full}}
}

// userName is the handle of user id, shared by users.info and the inbound payloads.
func userName(id string) string { return "staff-" + id }

// channelName is the name of channel id, shared by conversations.info and slash commands.
func channelName(id string) string { return "channel-" + strings.ToLower(id) }
