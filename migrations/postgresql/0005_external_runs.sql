-- 0005_external_runs.sql (PostgreSQL): the translation of migrations/0005:
-- runs recorded from outside the engine (`tracker exec`, `tracker run`,
-- `tracker import`), where they came from and their id over there.

ALTER TABLE runs ADD COLUMN source text
    CHECK (source IS NULL OR source IN ('exec', 'shell', 'mlflow', 'tensorboard'));
ALTER TABLE runs ADD COLUMN external_id text;
-- A table constraint: it reads two columns.
ALTER TABLE runs ADD CONSTRAINT runs_external_id_has_source CHECK (external_id IS NULL OR source IS NOT NULL);

-- One run per external id and source: the key of idempotent imports.
CREATE UNIQUE INDEX runs_by_external_id ON runs (source, external_id) WHERE external_id IS NOT NULL;

-- What the process that produced an outside run left behind, one row per
-- such run (engine runs have none).
CREATE TABLE run_sources (
    run_id             bigint PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
    git_commit         text,
    git_dirty          bigint CHECK (git_dirty IS NULL OR git_dirty IN (0, 1)),
    git_diff           text,
    git_diff_truncated bigint NOT NULL DEFAULT 0 CHECK (git_diff_truncated IN (0, 1)),
    stdout_tail        text,
    stderr_tail        text,
    exit_code          bigint,
    malformed_lines    bigint NOT NULL DEFAULT 0 CHECK (malformed_lines >= 0),
    rejected_points    bigint NOT NULL DEFAULT 0 CHECK (rejected_points >= 0),
    missing_checkpoints bigint NOT NULL DEFAULT 0 CHECK (missing_checkpoints >= 0)
);
