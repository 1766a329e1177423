-- +goose NO TRANSACTION
-- +goose Up
-- A chat's and a phone's tickets are read newest first, 20 at most (the
-- repeat-repair check, status questions): with the id in the index that is
-- 20 index entries, not every ticket of a phone a company or a family shares
-- followed by a sort. Built concurrently, so a desk with many tickets keeps
-- taking reports while it runs.
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_phone_newest ON tickets (phone, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_chat_newest ON tickets (channel, chat_id, id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_state_newest ON tickets (state, id);
DROP INDEX CONCURRENTLY IF EXISTS tickets_phone;
DROP INDEX CONCURRENTLY IF EXISTS tickets_chat;
DROP INDEX CONCURRENTLY IF EXISTS tickets_state;

-- +goose Down
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_phone ON tickets (phone);
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_chat ON tickets (channel, chat_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS tickets_state ON tickets (state);
DROP INDEX CONCURRENTLY IF EXISTS tickets_phone_newest;
DROP INDEX CONCURRENTLY IF EXISTS tickets_chat_newest;
DROP INDEX CONCURRENTLY IF EXISTS tickets_state_newest;
