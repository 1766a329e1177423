-- +goose Up
-- The staff desk's thread of each ticket (or of a chat escalated before it
-- had a ticket): where its events go and where staff talk to the customer.
CREATE TABLE staff_threads (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_ts     TEXT NOT NULL UNIQUE,
    staff_channel TEXT NOT NULL,
    ticket_id     INTEGER NOT NULL DEFAULT 0,
    conv_channel  TEXT NOT NULL,
    conv_chat_id  TEXT NOT NULL,
    created_at    DATETIME NOT NULL
);
CREATE INDEX staff_threads_ticket ON staff_threads (ticket_id);
CREATE INDEX staff_threads_chat ON staff_threads (conv_channel, conv_chat_id);

-- Positions of readers that tail an append-only table (the staff desk
-- tailing ticket_events and feedback), moved by compare-and-set so that
-- replicas never hand out the same rows twice.
CREATE TABLE cursors (
    name    TEXT PRIMARY KEY,
    last_id INTEGER NOT NULL DEFAULT 0
);

-- +goose Down
DROP TABLE cursors;
DROP TABLE staff_threads;
