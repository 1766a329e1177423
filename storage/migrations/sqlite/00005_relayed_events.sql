-- +goose Up
-- When the scheduler turned each ticket event into its timers and jobs.
-- Events are taken by this mark, not by a cursor over ids, because ids are
-- not committed in order: a cursor could pass an event that commits late.
-- Events before this migration count as taken: a desk upgraded to the
-- scheduler does not replay its history as a flood of stale alarms.
ALTER TABLE ticket_events ADD COLUMN relayed_at DATETIME;
UPDATE ticket_events SET relayed_at = at;
CREATE INDEX ticket_events_unrelayed ON ticket_events (id) WHERE relayed_at IS NULL;

-- +goose Down
DROP INDEX ticket_events_unrelayed;
ALTER TABLE ticket_events DROP COLUMN relayed_at;
