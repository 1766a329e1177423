-- +goose Up
-- The staff desk takes ticket events and feedback by a mark on each row,
-- as the scheduler does (relayed_at), instead of a cursor over ids that
-- could pass a row committed after a higher id. Rows the cursor had passed
-- count as taken; the cursors go. (The indexes: 00010.)
ALTER TABLE ticket_events ADD COLUMN fed_at DATETIME;
ALTER TABLE feedback ADD COLUMN fed_at DATETIME;
UPDATE ticket_events SET fed_at = at
  WHERE id <= COALESCE((SELECT last_id FROM cursors WHERE name = 'slack:events'), 0);
UPDATE feedback SET fed_at = created_at
  WHERE id <= COALESCE((SELECT last_id FROM cursors WHERE name = 'slack:feedback'), 0);
DROP TABLE cursors;

-- +goose Down
CREATE TABLE cursors (
    name    TEXT PRIMARY KEY,
    last_id BIGINT NOT NULL DEFAULT 0
);
INSERT INTO cursors (name, last_id) SELECT 'slack:events', COALESCE(MAX(id), 0) FROM ticket_events WHERE fed_at IS NOT NULL;
INSERT INTO cursors (name, last_id) SELECT 'slack:feedback', COALESCE(MAX(id), 0) FROM feedback WHERE fed_at IS NOT NULL;
ALTER TABLE ticket_events DROP COLUMN fed_at;
ALTER TABLE feedback DROP COLUMN fed_at;
