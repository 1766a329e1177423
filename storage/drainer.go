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
	drain   func(ctx context.Context, id string)
	log     *slog.Logger
	q       *chatQueue
}

// NewDrainer returns the consumers of channel's queues: workers at once,
// drain called with a queue's id (it claims, holds and advances the queue).
func NewDrainer(out *Outbound, channel string, workers int, sweep time.Duration, drain func(ctx context.Context, id string), log *slog.Logger) *Drainer {
	return &Drainer{out: out, channel: channel, workers: workers, sweep: sweep, drain: drain, log: log, q: newChatQueue()}
}

// Kick asks for id's queue to be drained soon. It never blocks and never
// forgets an id.
func (d *Drainer) Kick(id string) { d.q.kick(id) }

// Run drains kicked queues until ctx ends, sweeping for pending ones.
func (d *Drainer) Run(ctx context.Context) {
	q := d.q
	var wg sync.WaitGroup
	for range d.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				id, ok := q.next()
				if !ok {
					return
				}
				d.drain(ctx, id)
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
				q.kick(id)
			}
		case <-ctx.Done():
		}
	}
	q.close()
	wg.Wait()
}

// chatQueue hands chats to senders, one sender per chat at a time: a chat
// kicked while it is being sent to is handed out again afterwards.
type chatQueue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	order  []string
	queued map[string]bool
	busy   map[string]bool
	again  map[string]bool
	closed bool
}

func newChatQueue() *chatQueue {
	q := &chatQueue{queued: map[string]bool{}, busy: map[string]bool{}, again: map[string]bool{}}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *chatQueue) kick(chat string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case q.busy[chat]:
		q.again[chat] = true
	case !q.queued[chat]:
		q.queued[chat] = true
		q.order = append(q.order, chat)
		q.cond.Signal()
	}
}

// next waits for a chat to send to; false once the queue is closed.
func (q *chatQueue) next() (string, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.order) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return "", false
	}
	chat := q.order[0]
	q.order = q.order[1:]
	delete(q.queued, chat)
	q.busy[chat] = true
	return chat, true
}

func (q *chatQueue) done(chat string) {
	q.mu.Lock()
	delete(q.busy, chat)
	again := q.again[chat]
	delete(q.again, chat)
	q.mu.Unlock()
	if again {
		q.kick(chat)
	}
}

func (q *chatQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.cond.Broadcast()
	q.mu.Unlock()
}
