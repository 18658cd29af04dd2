-- 0006_global_ids.sql: ids that mean the same run or sweep in every store.
--
-- A run's integer id is its store's own: the laptop's run 12 and the
-- server's run 12 are different runs. `tracker push` copies runs from one
-- store into another (an offline node's file into the shared PostgreSQL
-- store) and must recognise a run it has copied before, so that pushing
-- twice adds nothing. A UUID (RFC 4122 version 4, lower-case text) made
-- when the run or sweep is created is that key; it travels with the copy.

ALTER TABLE runs ADD COLUMN uuid TEXT;
ALTER TABLE sweeps ADD COLUMN uuid TEXT;

-- Rows made before this migration get one now: random, in version 4's layout.
UPDATE runs SET uuid =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE sweeps SET uuid =
    lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-'
    || substr('89ab', 1 + abs(random() % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));

CREATE UNIQUE INDEX runs_by_uuid ON runs (uuid);
CREATE UNIQUE INDEX sweeps_by_uuid ON sweeps (uuid);
