-- +goose Up
-- The staff desk takes ticket events and feedback by a mark on each row,
-- as the scheduler does (relayed_at), instead of a cursor over ids that
-- could pass a row committed after a higher id. Adding the columns is
-- quick; the rows the cursor had passed are marked in 00010, outside this
-- transaction.
ALTER TABLE ticket_events ADD COLUMN fed_at TIMESTAMPTZ;
ALTER TABLE feedback ADD COLUMN fed_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE ticket_events DROP COLUMN fed_at;
ALTER TABLE feedback DROP COLUMN fed_at;
