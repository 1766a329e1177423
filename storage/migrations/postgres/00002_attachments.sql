-- +goose Up
-- Photos and documents of a fault, kept as the channel's own file reference
-- (Telegram's file_id) with its metadata; the file itself stays on the platform.
CREATE TABLE ticket_attachments (
    id          BIGSERIAL PRIMARY KEY,
    ticket_id   BIGINT NOT NULL REFERENCES tickets (id),
    channel     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    file_id     TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    mime        TEXT NOT NULL DEFAULT '',
    size        BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_attachments_ticket ON ticket_attachments (ticket_id);

-- +goose Down
DROP TABLE ticket_attachments;
