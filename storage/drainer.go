package storage

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Drainer runs the consumers of one channel's queues (Outbound): a queue
// kicked in this process is drained at once by one of its workers, and
// every sweep the queues with items (Pending) are kicked too, for those a
// crash or another replica left. One queue is drained by one worker at a
// time here (Claim's lock keeps it to one across replicas). It is the one
// way every queue is consumed: Telegram's replies, the Slack desk's thread
// work and mirrored messages.
type Drainer struct {
	out     *Outbound
	channel string
	workers int
	sweep   time.Duration
	drain   func(ctx context.Context, id string, claimed *Claimed)
	log     *slog.Logger
	q       *chatQueue
}

// NewDrainer returns the consumers of channel's queues: workers at once,
// drain called with a queue's id (it claims, holds and advances the queue)
// and the claim already taken for it, if any (KickClaimed).
func NewDrainer(out *Outbound, channel string, workers int, sweep time.Duration, drain func(ctx context.Context, id string, claimed *Claimed), log *slog.Logger) *Drainer {
	return &Drainer{out: out, channel: channel, workers: workers, sweep: sweep, drain: drain, log: log, q: newChatQueue()}
}

// Kick asks for id's queue to be drained soon. It never blocks and never
// forgets an id.
func (d *Drainer) Kick(id string) { d.q.kick(id, nil) }

// Free reports whether a worker is free to drain a queue kicked now.
func (d *Drainer) Free() bool { return d.q.free(d.workers) }

// KickClaimed is Kick for a queue whose lock was taken for this process
// (Conversation.Claimed): its drain starts from the claim. A nil claim is
// a plain Kick.
func (d *Drainer) KickClaimed(id string, claimed *Claimed) {
	if !d.q.kick(id, claimed) && claimed != nil {
		// stopping: given back, so another replica need not wait for it
		d.out.Release(context.Background(), d.channel, id, claimed.Token)
	}
}

// Run drains kicked queues until ctx ends, sweeping for pending ones.
func (d *Drainer) Run(ctx context.Context) {
	q := d.q
	var wg sync.WaitGroup
	for range d.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				id, claimed, ok := q.next()
				if !ok {
					return
				}
				d.drain(ctx, id, claimed)
				q.done(id)
			}
		}()
	}
	sweep := time.NewTicker(d.sweep)
	defer sweep.Stop()
	for ctx.Err() == nil {
		select {
		case <-sweep.C:
			ids, err := d.out.Pending(ctx, d.channel)
			if err != nil && ctx.Err() == nil {
				d.log.Error("pending queues", "channel", d.channel, "err", err)
			}
			for _, id := range ids {
				q.kick(id, nil)
			}
		case <-ctx.Done():
		}
	}
	for _, c := range q.close() {
		// claims no worker came to: given back, so another replica need
		// not wait for them to expire
		d.out.Release(context.WithoutCancel(ctx), d.channel, c.id, c.claimed.Token)
	}
	wg.Wait()
}

// chatQueue hands chats to senders, one sender per chat at a time: a chat
// kicked while it is being sent to is handed out again afterwards. A chat
// kicked with a claim is handed out with it.
type chatQueue struct {
	mu      sync.Mutex
	cond    *sync.Cond
	order   []string
	queued  map[string]bool
	claimed map[string]*Claimed
	busy    map[string]bool
	again   map[string]bool
	closed  bool
}

func newChatQueue() *chatQueue {
	q := &chatQueue{queued: map[string]bool{}, claimed: map[string]*Claimed{}, busy: map[string]bool{}, again: map[string]bool{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// kick queues chat (with its claim, if any); false once the queue is
// closed, when the chat is not queued and its claim is the caller's.
func (q *chatQueue) kick(chat string, claimed *Claimed) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return false
	}
	if claimed != nil {
		// Kept for the chat's next turn with a sender, also when a sender
		// is still marked busy with it (it has just emptied the queue and
		// given up the lock, and not yet said done): the re-kick that
		// follows hands the chat out with this claim.
		q.claimed[chat] = claimed
	}
	switch {
	case q.busy[chat]:
		q.again[chat] = true
	case !q.queued[chat]:
		q.queued[chat] = true
		q.order = append(q.order, chat)
		q.cond.Signal()
	}
	return true
}

// next waits for a chat to send to, with its claim if one was taken; false
// once the queue is closed.
func (q *chatQueue) next() (string, *Claimed, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.order) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return "", nil, false
	}
	chat := q.order[0]
	q.order = q.order[1:]
	delete(q.queued, chat)
	claimed := q.claimed[chat]
	delete(q.claimed, chat)
	q.busy[chat] = true
	return chat, claimed, true
}

func (q *chatQueue) done(chat string) {
	q.mu.Lock()
	delete(q.busy, chat)
	again := q.again[chat]
	delete(q.again, chat)
	q.mu.Unlock()
	if again {
		q.kick(chat, nil)
	}
}

// free reports whether fewer than workers chats are being sent to or
// waiting for a sender.
func (q *chatQueue) free(workers int) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.busy)+len(q.order) < workers
}

// pendingClaim is a claim no worker took before the queue closed.
type pendingClaim struct {
	id      string
	claimed *Claimed
}

// close stops handing out chats and returns the claims left waiting.
func (q *chatQueue) close() []pendingClaim {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closed = true
	q.cond.Broadcast()
	var left []pendingClaim
	for id, c := range q.claimed {
		left = append(left, pendingClaim{id, c})
	}
	return left
}
