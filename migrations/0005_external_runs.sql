-- 0005_external_runs.sql: runs recorded from outside the engine.
--
-- `tracker exec` and `tracker run` record runs of any script; `tracker
-- import` brings in runs of MLflow and TensorBoard. What such a run adds to
-- the runs table is where it came from and, for imports, its id over there,
-- so that importing again updates instead of duplicating.

-- Where the run came from: NULL for runs of the tracker's own engine and of
-- Swift code through TrackerKit; 'exec' (tracker exec), 'shell' (tracker run
-- start), 'mlflow' or 'tensorboard' (tracker import).
ALTER TABLE runs ADD COLUMN source TEXT
    CHECK (source IS NULL OR source IN ('exec', 'shell', 'mlflow', 'tensorboard'));
-- The run's id in its source: MLflow's run_uuid, or the TensorBoard run
-- directory relative to the imported root. NULL for runs made here.
ALTER TABLE runs ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR source IS NOT NULL);

-- One run per external id and source: the key of idempotent imports.
CREATE UNIQUE INDEX runs_by_external_id ON runs (source, external_id) WHERE external_id IS NOT NULL;

-- What the process that produced an outside run left behind, one row per
-- such run (engine runs have none).
CREATE TABLE run_sources (
    run_id             INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    git_commit         TEXT,                   -- HEAD of the work tree the command ran in
    git_dirty          INTEGER CHECK (git_dirty IS NULL OR git_dirty IN (0, 1)),
    git_diff           TEXT,                   -- `git diff HEAD` of a dirty tree, capped
    git_diff_truncated INTEGER NOT NULL DEFAULT 0 CHECK (git_diff_truncated IN (0, 1)),
    stdout_tail        TEXT,                   -- the last lines the process wrote to stdout
    stderr_tail        TEXT,                   -- the last lines it wrote to stderr
    exit_code          INTEGER,                -- NULL while running, when killed by a signal, or unknown
    malformed_lines    INTEGER NOT NULL DEFAULT 0 CHECK (malformed_lines >= 0),  -- protocol lines that were not valid messages
    rejected_points    INTEGER NOT NULL DEFAULT 0 CHECK (rejected_points >= 0),  -- points not stored: NaN, or a (metric, step) already logged
    missing_checkpoints INTEGER NOT NULL DEFAULT 0 CHECK (missing_checkpoints >= 0) -- checkpoint files named that could not be read
) STRICT;
