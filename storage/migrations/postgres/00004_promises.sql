-- +goose Up
-- Service-level timers (docs/TRADE.md, Service levels): one row per promise a
-- ticket event started, with when it warns and falls due, when it stopped,
-- and whether it was met or breached, for reporting.
CREATE TABLE sla_timers (
    id             BIGSERIAL PRIMARY KEY,
    ticket_id      BIGINT NOT NULL REFERENCES tickets (id),
    kind           TEXT NOT NULL,
    start_event_id BIGINT NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    warn_at        TIMESTAMPTZ NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    stopped_at     TIMESTAMPTZ,
    warned_at      TIMESTAMPTZ,
    breached_at    TIMESTAMPTZ,
    outcome        TEXT NOT NULL DEFAULT '',
    UNIQUE (ticket_id, kind, start_event_id)
);
CREATE INDEX sla_timers_open ON sla_timers (ticket_id, stopped_at);

-- After-visit callbacks (回访): one per closing of a ticket after service,
-- with why it is made, when it is due, and the customer's answers.
CREATE TABLE callbacks (
    id             BIGSERIAL PRIMARY KEY,
    ticket_id      BIGINT NOT NULL REFERENCES tickets (id),
    close_event_id BIGINT NOT NULL,
    category       TEXT NOT NULL,
    round          INTEGER NOT NULL DEFAULT 0,
    due_at         TIMESTAMPTZ NOT NULL,
    state          TEXT NOT NULL,
    working        TEXT NOT NULL DEFAULT '',
    attitude       TEXT NOT NULL DEFAULT '',
    quality        TEXT NOT NULL DEFAULT '',
    suggestion     TEXT NOT NULL DEFAULT '',
    asked_at       TIMESTAMPTZ,
    answered_at    TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (ticket_id, close_event_id)
);

-- Customers who asked never to be called back, with their reason.
CREATE TABLE do_not_call (
    channel    TEXT NOT NULL,
    chat_id    TEXT NOT NULL,
    ticket_id  BIGINT NOT NULL DEFAULT 0,
    reason     TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, chat_id)
);

-- Effects of jobs already done, by key: a job that runs again (a retry
-- after a crash, a second replica) finds its key and does nothing.
CREATE TABLE job_effects (
    key     TEXT PRIMARY KEY,
    done_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE job_effects;
DROP TABLE do_not_call;
DROP TABLE callbacks;
DROP TABLE sla_timers;
