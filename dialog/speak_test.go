package dialog_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
)

// TestSayKeepsTheDesksRulesOfSpeaking: the first words in a chat no one
// holds take it over (sent from the command line, kept back in a thread);
// only the holder speaks; a phrase never said to customers is held back
// when the desk holds such words, and flagged when it sends them.
func TestSayKeepsTheDesksRulesOfSpeaking(t *testing.T) {
	ctx := context.Background()
	d := sqliteDesk(t)
	d.say("s", "你好")
	wang := dialog.Speaker{ID: "U1", Name: "王工", Actor: "slack:王工 (U1)"}
	li := dialog.Speaker{ID: "U2", Name: "李工", Actor: "slack:李工 (U2)"}
	thread := dialog.Speaking{ClaimFirst: true, HoldImpolite: true}

	said, err := d.m.Say(ctx, "webchat", "s", wang, "这个我来跟", thread)
	if err != nil || !said.Claimed || said.Sent {
		t.Fatalf("first words in a thread: %+v %v, want the chat taken, the words kept", said, err)
	}
	if got := d.inbox.take("s"); len(got) != 1 || got[0].Key != "staff.joined" {
		t.Fatalf("the customer was told %+v, want only that a person joined", got)
	}
	if said, err := d.m.Say(ctx, "webchat", "s", li, "我也看看", thread); err != nil || said.Sent || said.Holder != "U1" {
		t.Fatalf("someone else's words: %+v %v, want refused, held by U1", said, err)
	}
	if said, err := d.m.Say(ctx, "webchat", "s", wang, "这个我不知道", thread); err != nil || !said.Held || said.Sent || len(said.Flagged) == 0 {
		t.Fatalf("a never-say phrase in a thread: %+v %v, want it held back", said, err)
	}
	if got := d.inbox.take("s"); len(got) != 0 {
		t.Fatalf("held or refused words reached the customer: %+v", got)
	}
	if said, err := d.m.Say(ctx, "webchat", "s", wang, "您好，工程师明天上午到", thread); err != nil || !said.Sent {
		t.Fatalf("the holder's words: %+v %v", said, err)
	}
	if got := d.inbox.take("s"); len(got) != 1 || got[0].Text != "您好，工程师明天上午到" {
		t.Fatalf("the customer got %+v", got)
	}

	// The command line: writing is the command, so the words take a free
	// chat and are sent; a never-say phrase is sent and flagged.
	d.say("c", "你好")
	cli := dialog.Speaker{ID: "cli:zhao", Name: "赵工", Actor: "staff:zhao"}
	said, err = d.m.Say(ctx, "webchat", "c", cli, "这个我不知道，您问厂家吧", dialog.Speaking{})
	if err != nil || !said.Claimed || !said.Sent || len(said.Flagged) == 0 {
		t.Fatalf("the command line's first words: %+v %v, want taken, sent and flagged", said, err)
	}
	if got := d.inbox.take("c"); len(got) != 2 || got[1].Key != "staff" {
		t.Fatalf("the customer got %+v, want the joining line then the words", got)
	}
}

// TestIdleHeldChatsAreHandedBack: a chat held with no word from either side
// for the idle time goes back to the bot, which tells the customer; the
// customer's words, like the person's, keep it held.
func TestIdleHeldChatsAreHandedBack(t *testing.T) {
	ctx := context.Background()
	d := sqliteDesk(t)
	d.say("quiet", "你好")
	d.say("busy", "你好")
	for _, chat := range []string{"quiet", "busy"} {
		if _, err := d.m.TakeOver(ctx, "webchat", chat, "U1", "王工"); err != nil {
			t.Fatal(err)
		}
		d.inbox.take(chat)
	}
	d.advance(20 * time.Minute)
	d.say("busy", "还在吗？")
	d.advance(15 * time.Minute)
	released, err := d.m.ReleaseIdle(ctx, 30*time.Minute)
	if err != nil || len(released) != 1 || released[0] != "webchat:quiet" {
		t.Fatalf("released %v %v, want only the quiet chat", released, err)
	}
	if got := d.inbox.take("quiet"); len(got) != 1 || got[0].Key != "staff.left" {
		t.Fatalf("the quiet chat's customer got %+v, want told the bot is back", got)
	}
	if holder, _ := d.m.Holder(ctx, "webchat", "busy"); holder != "U1" {
		t.Fatalf("the busy chat is held by %q, want still U1", holder)
	}
	if again, err := d.m.ReleaseIdle(ctx, 30*time.Minute); err != nil || len(again) != 0 {
		t.Fatalf("released again %v %v", again, err)
	}
}
