package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/prometheus/client_golang/prometheus"
)

// Queues reads the outbound queues' depth from Redis at each scrape: the
// chats waiting for a sender and their items, per queue (Telegram's
// replies, the Slack desk's thread work, the messages mirrored to staff).
type Queues struct {
	out      *storage.Outbound
	channels []string
	log      *slog.Logger

	chats, items *prometheus.Desc
}

// NewQueues returns the collector of channels' queues in out.
func NewQueues(out *storage.Outbound, channels []string, log *slog.Logger) *Queues {
	return &Queues{out: out, channels: channels, log: log,
		chats: prometheus.NewDesc("frontdesk_outbound_chats", "Chats with messages waiting to be sent, by queue.", []string{"channel"}, nil),
		items: prometheus.NewDesc("frontdesk_outbound_items", "Messages waiting to be sent, by queue (counted over at most 1,000 chats).", []string{"channel"}, nil),
	}
}

// Describe sends the descriptions.
func (q *Queues) Describe(ch chan<- *prometheus.Desc) {
	ch <- q.chats
	ch <- q.items
}

// Collect reads each queue's depth, within two seconds; a queue Redis does
// not answer for is left out of the scrape.
func (q *Queues) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	for _, c := range q.channels {
		chats, items, err := q.out.Depth(ctx, c)
		if err != nil {
			q.log.Warn("metrics: read the outbound queues", "channel", c, "err", err)
			continue
		}
		ch <- prometheus.MustNewConstMetric(q.chats, prometheus.GaugeValue, float64(chats), c)
		ch <- prometheus.MustNewConstMetric(q.items, prometheus.GaugeValue, float64(items), c)
	}
}
