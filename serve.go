package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	slackdesk "github.com/frontdesk/frontdesk/bots/slack"
	"github.com/frontdesk/frontdesk/bots/telegram"
	"github.com/frontdesk/frontdesk/bots/webchat"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/handlers"
	"github.com/frontdesk/frontdesk/llm"
	"github.com/frontdesk/frontdesk/metrics"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/schedule"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/understand"
)

// app is the server's parts, wired.
type app struct {
	handler    http.Handler
	sched      *schedule.Scheduler
	notifier   *dialog.Notifier
	background []func(context.Context) // run until the context ends: senders, pollers
	close      func()
}

// start runs the notifier and the background parts until ctx ends; the
// returned channel closes when they all have returned.
func (a *app) start(ctx context.Context) <-chan struct{} {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, run := range append([]func(context.Context){a.notifier.Run}, a.background...) {
		wg.Add(1)
		go func() { defer wg.Done(); run(ctx) }()
	}
	go func() { wg.Wait(); close(done) }()
	return done
}

// build opens the stores, loads and checks the templates and wires the desk
// and its channels.
func build(ctx context.Context, cfg Config, log *slog.Logger) (*app, error) {
	texts, err := prompts.Load()
	if err != nil {
		return nil, err
	}
	rules, err := understand.Default() // the lexicon and knowledge cues, checked at start
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	rdb, closeRedis, err := storage.OpenRedis(ctx, cfg.RedisURL, cfg.RedisSnapshot, log)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("REDIS_URL: %w", err)
	}
	states := storage.NewStates(rdb, cfg.RedisPrefix, cfg.IdleTimeout)
	// the idle trackers of earlier versions, taken over once
	idle := states.Idle()
	if err := errors.Join(idle.Adopt(ctx, "reporting", "reporting", 1, func(m string) (string, error) { return strings.Replace(m, "\x00", ":", 1), nil }),
		idle.Adopt(ctx, "touch:slack-held", "slack-held", 1000, nil),
		// held threads, by Slack's thread, became held chats (dialog's)
		idle.Adopt(ctx, "idle:slack-held", "held", 1, func(ts string) (string, error) {
			th, err := db.ThreadByTS(ctx, ts)
			if errors.Is(err, storage.ErrNotFound) {
				return "", nil
			}
			if err != nil {
				return "", err
			}
			return storage.MirrorID(th.ConvChannel, th.ConvChatID), nil
		})); err != nil {
		log.Warn("earlier idle trackers not taken over", "err", err)
	}
	nlu := dialog.Rules(rules)
	mp, err := loadModelPrompt() // checked at start, with a model or not
	if err != nil {
		return nil, err
	}
	var model *llm.Model
	if cfg.Model.Enabled() {
		cfg.Model.Company = cfg.Desk.CompanyName(texts, cfg.Desk.DefaultLocale)
		model = llm.New(cfg.Model, rules, mp, rules.Choices(), log)
		nlu = model
		log.Info("language model on: unsure messages go to it", "server", cfg.Model.BaseURL, "model", cfg.Model.Model)
	}
	desk := dialog.New(db, states, texts, nlu, cfg.Desk, log, nil)
	transcripts := storage.NewTranscripts(rdb, cfg.RedisPrefix, cfg.IdleTimeout)
	states.DeliverToTranscript(webchat.Channel, transcripts) // a turn and its replies on the page, saved together
	chat := webchat.New(desk, transcripts, log)
	chat.SetPage(pageLocales(cfg.Desk.DefaultLocale), pageBrands(cfg.Desk, texts))
	desk.SetOutlet(webchat.Channel, chat.Outlet())
	notifier := dialog.NewNotifier(db, texts, cfg.Desk, desk, log, 500*time.Millisecond)
	mx := metrics.New()
	mx.Register(metrics.NewDesk(db, log))
	mx.Register(metrics.NewPool(db.PoolStats))
	mx.Register(metrics.NewQueues(storage.NewOutbound(rdb, cfg.RedisPrefix),
		[]string{telegram.Channel, slackdesk.JobsChannel, storage.MirrorChannel}, log))
	desk.SetObserver(mx.Turn)
	if model != nil {
		mx.Model(model.Stats)
	}
	own := map[string]http.Handler{
		"GET /healthz": handlers.Live(),
		"GET /readyz": handlers.Ready(map[string]handlers.Pinger{
			"sql":   db,
			"redis": handlers.PingFunc(func(ctx context.Context) error { return rdb.Ping(ctx).Err() }),
		}),
		"GET /metrics": mx.Handler(),
	}
	a := &app{notifier: notifier, close: func() { closeRedis(); db.Close() }}
	routes := map[string]http.Handler{"/": chat}
	if cfg.Telegram.Token != "" {
		tg, err := telegram.New(cfg.Telegram, desk, storage.NewOutbound(rdb, cfg.RedisPrefix), log)
		if err != nil {
			a.close()
			return nil, err
		}
		desk.SetOutlet(telegram.Channel, tg.Outlet())
		tg.SetObserver(func(outcome string, took time.Duration) { mx.PlatformCall("telegram", outcome, took) })
		if tg.Webhook() {
			routes["POST /telegram/webhook"] = tg
		}
		a.background = append(a.background, tg.Start)
	}
	var weekly func(context.Context, time.Time, time.Time) (func() error, error)
	if cfg.Slack.BotToken != "" {
		sd, err := slackdesk.New(cfg.Slack, desk, staff.NewStaff(db, cfg.Desk, nil), db, storage.NewOutbound(rdb, cfg.RedisPrefix), log)
		if err != nil {
			a.close()
			return nil, err
		}
		if model != nil {
			sd.SetRewriter(model)
		}
		sd.SetObserver(func(outcome string, took time.Duration) { mx.PlatformCall("slack", outcome, took) })
		desk.SetMirrorKick(sd.KickMirrored)
		for pattern, h := range sd.Routes() {
			routes[pattern] = h
		}
		a.background = append(a.background, sd.Start)
		if cfg.WeeklyReport {
			weekly = weeklyReport(db, texts, desk.Config(), cfg.ChartFont, sd)
		}
	}
	sched, err := schedule.New(ctx, db, desk, log, schedule.Options{Weekly: weekly})
	if err == nil {
		err = sched.Start(ctx)
	}
	if err != nil {
		a.close()
		return nil, fmt.Errorf("job engine: %w", err)
	}
	a.sched = sched
	closeStores := a.close
	a.close = func() { sched.Stop(context.Background()); closeStores() }
	a.background = append(a.background, func(ctx context.Context) {
		if err := sched.Run(ctx); err != nil {
			log.Error("job engine stopped", "err", err)
		}
	})
	if cfg.RedisURL == "" && (cfg.Telegram.Token != "" || cfg.Slack.BotToken != "") {
		log.Warn("REDIS_URL is empty: Telegram's and Slack's queued work lives in the in-process Redis, saved every 2 s (FRONTDESK_REDIS_SNAPSHOT); a crash may lose the last seconds of it; set REDIS_URL for production")
	}
	a.handler = handlers.Routes(own, routes, handlers.BodyTimeout, mx.Requests)
	return a, nil
}

// serve runs the server until ctx ends, then shuts down gracefully: it stops
// accepting, lets the turns in flight finish (up to 20 s), and closes the
// stores.
func serve(ctx context.Context, cfg Config, logOut io.Writer) error {
	log := newLogger(cfg, logOut)
	a, err := build(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("FRONTDESK_ADDR: %w", err)
	}
	// Requests get a base context that ends when shutdown starts, so open
	// event streams close; a turn in flight runs detached from its request
	// (see webchat) and Shutdown waits for it.
	base, endStreams := context.WithCancel(context.WithoutCancel(ctx))
	defer endStreams()
	srv := &http.Server{Handler: a.handler, ReadHeaderTimeout: handlers.HeaderTimeout, ReadTimeout: handlers.RequestTimeout,
		WriteTimeout: handlers.WriteTimeout, IdleTimeout: handlers.IdleTimeout,
		BaseContext: func(net.Listener) context.Context { return base }}
	srv.RegisterOnShutdown(endStreams)
	if cfg.PprofAddr != "" {
		stopPprof, err := servePprof(cfg.PprofAddr, log)
		if err != nil {
			return err
		}
		defer stopPprof()
	}
	bg, stopBg := context.WithCancel(context.WithoutCancel(ctx))
	done := a.start(bg)
	log.Info("frontdesk serving", "url", "http://"+displayAddr(ln.Addr()), "config", cfg.String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopBg()
		<-done
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing turns in flight")
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	stopBg()
	<-done
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// displayAddr turns a listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil || host == "::" || host == "0.0.0.0" || host == "" {
		return "localhost:" + port + " (and every other interface)"
	}
	return net.JoinHostPort(host, port)
}

// loadModelPrompt reads and checks the model prompt against the knowledge
// file's topics.
func loadModelPrompt() (*prompts.ModelPrompt, error) {
	k, err := prompts.LoadKnowledge()
	if err != nil {
		return nil, err
	}
	return prompts.LoadModelPrompt(k)
}

// pageLocales lists the web chat's languages, the default first.
func pageLocales(def string) []string {
	out := []string{def}
	for _, l := range prompts.Locales {
		if l != def {
			out = append(out, l)
		}
	}
	return out
}

// pageBrands is the shop's name and tagline in each language, for the web
// chat's header and title.
func pageBrands(d dialog.Config, texts *prompts.Catalog) map[string]webchat.Brand {
	out := map[string]webchat.Brand{}
	for _, l := range prompts.Locales {
		out[l] = webchat.Brand{Company: d.CompanyName(texts, l), Tagline: d.TaglineText(texts, l)}
	}
	return out
}
