-- 0006_global_ids.sql (PostgreSQL): the translation of migrations/0006_global_ids.sql.
-- gen_random_uuid() is built in from PostgreSQL 13.

ALTER TABLE runs ADD COLUMN uuid text;
ALTER TABLE sweeps ADD COLUMN uuid text;

UPDATE runs SET uuid = gen_random_uuid()::text;
UPDATE sweeps SET uuid = gen_random_uuid()::text;

CREATE UNIQUE INDEX runs_by_uuid ON runs (uuid);
CREATE UNIQUE INDEX sweeps_by_uuid ON sweeps (uuid);
