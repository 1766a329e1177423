-- +goose NO TRANSACTION
-- +goose Up
-- The rows the staff desk has not taken yet, found without a scan; built
-- concurrently, so a desk with a long history keeps working while it runs.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ticket_events_unfed ON ticket_events (id) WHERE fed_at IS NULL;
CREATE INDEX CONCURRENTLY IF NOT EXISTS feedback_unfed ON feedback (id) WHERE fed_at IS NULL;

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS ticket_events_unfed;
DROP INDEX CONCURRENTLY IF EXISTS feedback_unfed;
