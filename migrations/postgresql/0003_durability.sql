-- 0003_durability.sql (PostgreSQL): the translation of migrations/0003.
--
-- Run ids: the identity sequence of runs.id never hands out a number twice,
-- so PostgreSQL needs no help to keep deleted ids retired. The high-water
-- table is kept all the same, with the trigger in plpgsql: it is part of the
-- schema SQL users see, and a backend that numbers runs itself (past both
-- it and max(id), as the SQLite store does) works on either database.
CREATE TABLE run_id_high_water (
    singleton bigint PRIMARY KEY CHECK (singleton = 1),
    max_id    bigint NOT NULL CHECK (max_id >= 0)
);

INSERT INTO run_id_high_water (singleton, max_id) SELECT 1, coalesce(max(id), 0) FROM runs;

CREATE FUNCTION runs_keep_high_water() RETURNS trigger
    LANGUAGE plpgsql
AS $$
BEGIN
    UPDATE run_id_high_water SET max_id = greatest(max_id, OLD.id) WHERE singleton = 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER runs_keep_high_water AFTER DELETE ON runs
    FOR EACH ROW EXECUTE FUNCTION runs_keep_high_water();

-- Who is writing a run: see migrations/0003_durability.sql.
ALTER TABLE runs ADD COLUMN process_started bigint;
ALTER TABLE runs ADD COLUMN boot_id text;
ALTER TABLE runs ADD COLUMN machine_id text;
ALTER TABLE runs ADD COLUMN pid_namespace text;

-- The process running a sweep, so that `sweep --resume` can refuse while it lives.
ALTER TABLE sweeps ADD COLUMN host text;
ALTER TABLE sweeps ADD COLUMN pid bigint;
ALTER TABLE sweeps ADD COLUMN process_started bigint;
ALTER TABLE sweeps ADD COLUMN boot_id text;
ALTER TABLE sweeps ADD COLUMN machine_id text;
ALTER TABLE sweeps ADD COLUMN pid_namespace text;

-- `tracker train --resume`: the epoch whose last checkpoint a run was continued from.
ALTER TABLE runs ADD COLUMN resumed_at_step bigint;
