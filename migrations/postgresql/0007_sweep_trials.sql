-- 0007_sweep_trials.sql (PostgreSQL): the translation of migrations/0007_sweep_trials.sql.
-- Workers claim a row with SELECT ... FOR UPDATE SKIP LOCKED: a row another
-- worker is claiming is passed over, not waited for.

CREATE TABLE sweep_trials (
    sweep_id     bigint NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
    unit         bigint NOT NULL CHECK (unit >= 0),
    trial        bigint NOT NULL CHECK (trial >= 0),
    seed         bigint NOT NULL,
    fold         bigint CHECK (fold IS NULL OR fold >= 0),
    status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done')),
    run_id       bigint REFERENCES runs (id) ON DELETE SET NULL,
    attempts     bigint NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    claimed_host text,
    claimed_pid  bigint,
    heartbeat_at text,
    PRIMARY KEY (sweep_id, unit)
);

CREATE INDEX sweep_trials_by_status ON sweep_trials (sweep_id, status, unit);
