-- +goose Up
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    channel     TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    salutation  TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    company     TEXT NOT NULL DEFAULT '',
    locale      TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    UNIQUE (channel, chat_id)
);
CREATE INDEX customers_phone ON customers (phone);

CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    number          TEXT UNIQUE,
    report_key      TEXT NOT NULL UNIQUE,
    customer_id     BIGINT NOT NULL REFERENCES customers (id),
    channel         TEXT NOT NULL,
    chat_id         TEXT NOT NULL,
    locale          TEXT NOT NULL,
    contact_name    TEXT NOT NULL DEFAULT '',
    salutation      TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    phone2          TEXT NOT NULL DEFAULT '',
    company         TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    product         TEXT NOT NULL DEFAULT '',
    model           TEXT NOT NULL DEFAULT '',
    serial          TEXT NOT NULL DEFAULT '',
    asset_number    TEXT NOT NULL DEFAULT '',
    purchase_date   TEXT NOT NULL DEFAULT '',
    warranty_proof  TEXT NOT NULL DEFAULT '',
    warranty        TEXT NOT NULL DEFAULT 'unknown',
    fault           TEXT NOT NULL DEFAULT '',
    service_mode    TEXT NOT NULL DEFAULT '',
    preferred_time  TEXT NOT NULL DEFAULT '',
    accessories     TEXT NOT NULL DEFAULT '',
    repeat_of       TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    engineer        TEXT NOT NULL DEFAULT '',
    diagnosis       TEXT NOT NULL DEFAULT '',
    quote_cents     BIGINT NOT NULL DEFAULT 0,
    quote_work      TEXT NOT NULL DEFAULT '',
    quote_days      INTEGER NOT NULL DEFAULT 0,
    decision        TEXT NOT NULL DEFAULT '',
    decided_at      DATETIME,
    satisfaction    TEXT NOT NULL DEFAULT '',
    remarks         TEXT NOT NULL DEFAULT '',
    created_at      DATETIME NOT NULL,
    updated_at      DATETIME NOT NULL
);
CREATE INDEX tickets_customer ON tickets (customer_id);
CREATE INDEX tickets_phone ON tickets (phone);
CREATE INDEX tickets_state ON tickets (state);

CREATE TABLE ticket_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id),
    at          DATETIME NOT NULL,
    actor       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id     BIGINT NOT NULL REFERENCES tickets (id),
    kind          TEXT NOT NULL,
    created_at    DATETIME NOT NULL,
    claimed_until DATETIME,
    attempts      INTEGER NOT NULL DEFAULT 0,
    delivered_at  DATETIME
);
CREATE INDEX outbox_pending ON outbox (delivered_at, id);

CREATE TABLE feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    channel       TEXT NOT NULL,
    chat_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    ticket_number TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    created_at    DATETIME NOT NULL
);

-- +goose Down
DROP TABLE feedback;
DROP TABLE outbox;
DROP TABLE ticket_events;
DROP TABLE tickets;
DROP TABLE customers;
