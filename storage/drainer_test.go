package storage

import "testing"

// TestChatQueueKeepsAClaimForTheChatsSender: a chat kicked with the claim
// its save took is handed out with it, also when it was still marked busy
// by the sender that had just emptied it; a claim no sender came to is
// returned when the queue closes, to be given back.
func TestChatQueueKeepsAClaimForTheChatsSender(t *testing.T) {
	q := newChatQueue()
	c1 := &Claimed{Token: "t1"}
	q.kick("a", c1)
	q.kick("a", nil) // a plain kick does not drop the claim
	chat, claimed, ok := q.next()
	if !ok || chat != "a" || claimed != c1 {
		t.Fatalf("next = %s %+v %v, want a with its claim", chat, claimed, ok)
	}
	// The sender has emptied and unlocked the queue but not yet said done:
	// a new turn's save claims it meanwhile.
	c2 := &Claimed{Token: "t2"}
	q.kick("a", c2)
	q.done("a")
	if chat, claimed, _ := q.next(); chat != "a" || claimed != c2 {
		t.Fatalf("after done: %s %+v, want a with the new claim", chat, claimed)
	}
	q.done("a")
	q.kick("b", &Claimed{Token: "t3"})
	left := q.close()
	if len(left) != 1 || left[0].id != "b" || left[0].claimed.Token != "t3" {
		t.Fatalf("left at close: %+v", left)
	}
	if _, _, ok := q.next(); ok {
		t.Fatal("a closed queue handed out a chat")
	}
	if q.kick("c", &Claimed{Token: "t4"}) {
		t.Fatal("a closed queue took a claim: nobody would send from it or give it back")
	}
}

// TestChatQueueSaysWhenNoSenderIsFree: with every worker sending or a
// chat waiting for each, a save should not claim for this process.
func TestChatQueueSaysWhenNoSenderIsFree(t *testing.T) {
	q := newChatQueue()
	if !q.free(2) {
		t.Fatal("an idle queue is not free")
	}
	q.kick("a", nil)
	q.next()         // a is being sent to
	q.kick("b", nil) // b waits
	if q.free(2) {
		t.Fatal("two workers, one sending, one chat waiting: said free")
	}
	q.done("a")
	if !q.free(2) {
		t.Fatal("a worker came free: not said")
	}
}
