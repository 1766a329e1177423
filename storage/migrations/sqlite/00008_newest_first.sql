-- +goose Up
-- A chat's and a phone's tickets are read newest first, 20 at most (the
-- repeat-repair check, status questions): with the id in the index that is
-- 20 index entries, not every ticket of a phone a company or a family shares
-- followed by a sort.
CREATE INDEX tickets_phone_newest ON tickets (phone, id);
CREATE INDEX tickets_chat_newest ON tickets (channel, chat_id, id);
CREATE INDEX tickets_state_newest ON tickets (state, id);
DROP INDEX tickets_phone;
DROP INDEX tickets_chat;
DROP INDEX tickets_state;

-- +goose Down
CREATE INDEX tickets_phone ON tickets (phone);
CREATE INDEX tickets_chat ON tickets (channel, chat_id);
CREATE INDEX tickets_state ON tickets (state);
DROP INDEX tickets_phone_newest;
DROP INDEX tickets_chat_newest;
DROP INDEX tickets_state_newest;
