-- +goose NO TRANSACTION
-- +goose Up
-- The rows the staff desk's cursor had passed count as taken (the cursors
-- table stays, unused, for a downgrade); then the rows not taken yet are
-- indexed, concurrently, so that a desk with a long history keeps
-- working while it runs. Each statement can run again after a failure: an
-- index left invalid by a failed build is dropped first.
UPDATE ticket_events SET fed_at = at
  WHERE fed_at IS NULL AND id <= COALESCE((SELECT last_id FROM cursors WHERE name = 'slack:events'), 0);
UPDATE feedback SET fed_at = created_at
  WHERE fed_at IS NULL AND id <= COALESCE((SELECT last_id FROM cursors WHERE name = 'slack:feedback'), 0);
DROP INDEX CONCURRENTLY IF EXISTS ticket_events_unfed;
CREATE INDEX CONCURRENTLY ticket_events_unfed ON ticket_events (id) WHERE fed_at IS NULL;
DROP INDEX CONCURRENTLY IF EXISTS feedback_unfed;
CREATE INDEX CONCURRENTLY feedback_unfed ON feedback (id) WHERE fed_at IS NULL;

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS ticket_events_unfed;
DROP INDEX CONCURRENTLY IF EXISTS feedback_unfed;
UPDATE cursors SET last_id = (SELECT COALESCE(MAX(id), 0) FROM ticket_events WHERE fed_at IS NOT NULL) WHERE name = 'slack:events';
UPDATE cursors SET last_id = (SELECT COALESCE(MAX(id), 0) FROM feedback WHERE fed_at IS NOT NULL) WHERE name = 'slack:feedback';
