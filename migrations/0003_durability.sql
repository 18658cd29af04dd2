-- 0003_durability.sql: run ids are never reused, and a process is known by
-- more than its pid.
--
-- Run ids: SQLite gives a new row max(id) + 1, so deleting the newest run
-- handed its id to the next one, and a trainer still writing to the deleted
-- run wrote into the new one. AUTOINCREMENT would need `runs` rebuilt (many
-- tables reference it); this one-row table keeps the highest id ever deleted
-- instead, and the store numbers a new run past both it and max(id).
CREATE TABLE run_id_high_water (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    max_id    INTEGER NOT NULL CHECK (max_id >= 0)
) STRICT;

INSERT INTO run_id_high_water (singleton, max_id) SELECT 1, coalesce(max(id), 0) FROM runs;

CREATE TRIGGER runs_keep_high_water AFTER DELETE ON runs
BEGIN
    UPDATE run_id_high_water SET max_id = max(max_id, OLD.id) WHERE singleton = 1;
END;

-- Who is writing a run, precisely enough to tell a live writer from a reused
-- pid: the process's start time (clock ticks after boot, /proc/PID/stat
-- field 22), the kernel's boot id, the machine id and the pid namespace
-- (containers may share a host name, even a machine id, but a pid means
-- something only inside its own namespace).
ALTER TABLE runs ADD COLUMN process_started INTEGER;
ALTER TABLE runs ADD COLUMN boot_id TEXT;
ALTER TABLE runs ADD COLUMN machine_id TEXT;
ALTER TABLE runs ADD COLUMN pid_namespace TEXT;

-- The process running a sweep, so that `sweep --resume` can refuse while it lives.
ALTER TABLE sweeps ADD COLUMN host TEXT;
ALTER TABLE sweeps ADD COLUMN pid INTEGER;
ALTER TABLE sweeps ADD COLUMN process_started INTEGER;
ALTER TABLE sweeps ADD COLUMN boot_id TEXT;
ALTER TABLE sweeps ADD COLUMN machine_id TEXT;
ALTER TABLE sweeps ADD COLUMN pid_namespace TEXT;

-- `tracker train --resume`: the epoch whose last checkpoint a killed or
-- crashed run was continued from (the epochs after it were trained again).
ALTER TABLE runs ADD COLUMN resumed_at_step INTEGER;
