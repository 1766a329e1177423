-- +goose Up
-- The rows the staff desk has not taken yet, found without a scan.
CREATE INDEX IF NOT EXISTS ticket_events_unfed ON ticket_events (id) WHERE fed_at IS NULL;
CREATE INDEX IF NOT EXISTS feedback_unfed ON feedback (id) WHERE fed_at IS NULL;

-- +goose Down
DROP INDEX IF EXISTS ticket_events_unfed;
DROP INDEX IF EXISTS feedback_unfed;
