-- 0007_sweep_trials.sql: a sweep's planned units of work, as a queue that
-- many processes (and machines) take from.
--
-- A sweep's plan (trial x seed x fold) is derived from its definition, and
-- one process running it could keep the plan in memory. `tracker sweep
-- --join S` on many machines cannot: they need one list, in the shared
-- store, from which each takes a unit no other worker holds. A row per unit
-- is that list; its status is the queue's state, and the run it made is the
-- result.
--
-- A worker that dies leaves its claim behind. It cannot say so itself, so a
-- claim carries a heartbeat the worker renews while it runs the unit; a
-- claim whose heartbeat is older than the workers' reclaim timeout (judged by
-- the database's clock, so that machines' clocks need not agree) goes back to
-- pending, its run marked crashed, for another worker to take.
CREATE TABLE sweep_trials (
    sweep_id     INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    unit         INTEGER NOT NULL CHECK (unit >= 0),   -- position in the sweep's plan, from 0
    trial        INTEGER NOT NULL CHECK (trial >= 0),  -- as runs.trial
    seed         INTEGER NOT NULL,                     -- as runs.seed
    fold         INTEGER CHECK (fold IS NULL OR fold >= 0),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done')),
    -- The current attempt's run while claimed, the run that ended the unit
    -- when done; kept (for the record) when a dead attempt is reclaimed.
    run_id       INTEGER REFERENCES runs (id) ON DELETE SET NULL,
    -- How many times the unit has been claimed: the claim's token, so that a
    -- worker whose claim was reclaimed cannot finish or renew the new one.
    attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    claimed_host TEXT,
    claimed_pid  INTEGER,
    heartbeat_at TEXT,
    PRIMARY KEY (sweep_id, unit)
) STRICT;

-- The claim query: a sweep's next pending unit in plan order, and its stale claims.
CREATE INDEX sweep_trials_by_status ON sweep_trials (sweep_id, status, unit);
