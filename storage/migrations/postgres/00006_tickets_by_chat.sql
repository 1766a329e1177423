-- +goose Up
-- A chat's tickets are read on most first messages (is a quote waiting, a
-- job under way?) and by status questions: by channel and chat, not a scan.
CREATE INDEX tickets_chat ON tickets (channel, chat_id);

-- +goose Down
DROP INDEX tickets_chat;
