-- +goose Up
-- Who erased whose data and when (the personal-information law's record of
-- a deletion): the subject only as masked as it was asked for, the tickets
-- by number.
CREATE TABLE erasures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    actor      TEXT NOT NULL,
    subject    TEXT NOT NULL,
    tickets    TEXT NOT NULL DEFAULT '',
    chats      INTEGER NOT NULL DEFAULT 0,
    at         DATETIME NOT NULL
);

-- +goose Down
DROP TABLE erasures;
