-- 0001_initial.sql: the tracker schema of DESIGN.md.
--
-- Conventions: STRICT tables; times are UTC ISO-8601 text with milliseconds
-- ('2026-11-21T19:50:13.123Z', which SQLite's date functions read); enums are
-- CHECKed; rows a run owns go with it (ON DELETE CASCADE). Never edit a
-- migration that has shipped: add the next numbered file instead.

-- Which migrations have been applied; the runner adds a row per migration in
-- the same transaction as the migration itself.
CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
) STRICT;

-- A named data set; new content (a new fingerprint) under the same name is
-- the next version. This is how "new data arrived" is detected.
CREATE TABLE datasets (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    version     INTEGER NOT NULL CHECK (version >= 1),
    fingerprint TEXT NOT NULL,                -- hex SHA-256 of the content
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    features    INTEGER NOT NULL CHECK (features >= 0),
    target      TEXT,                         -- the target column, for CSV data
    task        TEXT NOT NULL CHECK (task IN ('regression', 'classification')),
    classes     INTEGER CHECK (classes IS NULL OR classes >= 2),
    source      TEXT,                         -- file path, or 'builtin:NAME'
    created_at  TEXT NOT NULL,
    UNIQUE (name, version),
    UNIQUE (name, fingerprint)
) STRICT;

-- A search over hyperparameters; a re-tune on new data is a child sweep.
CREATE TABLE sweeps (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    method          TEXT NOT NULL CHECK (method IN ('grid', 'random')),
    space           TEXT NOT NULL CHECK (json_valid(space)),   -- swept options and their values or ranges
    config          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),  -- fixed options, seeds, folds, pruning, trials
    objective       TEXT NOT NULL DEFAULT 'val_loss',          -- a metric key
    direction       TEXT NOT NULL DEFAULT 'min' CHECK (direction IN ('min', 'max')),
    dataset_id      INTEGER REFERENCES datasets (id),
    parent_sweep_id INTEGER REFERENCES sweeps (id) ON DELETE SET NULL,
    status          TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'finished', 'failed', 'killed')),
    command         TEXT,
    created_at      TEXT NOT NULL,
    ended_at        TEXT
) STRICT;

CREATE INDEX sweeps_by_parent ON sweeps (parent_sweep_id);

-- One training run. `trial` and `fold` place a run inside its sweep.
CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (name <> ''),
    status       TEXT NOT NULL DEFAULT 'running'
                 CHECK (status IN ('running', 'finished', 'failed', 'crashed', 'killed', 'pruned')),
    group_name   TEXT,
    sweep_id     INTEGER REFERENCES sweeps (id) ON DELETE SET NULL,
    trial        INTEGER CHECK (trial IS NULL OR trial >= 0),
    fold         INTEGER CHECK (fold IS NULL OR fold >= 0),
    dataset_id   INTEGER REFERENCES datasets (id),
    seed         INTEGER,
    command      TEXT,                        -- the command line that started the run
    host         TEXT,
    pid          INTEGER,                     -- to notice a crashed run on the same host
    created_at   TEXT NOT NULL,
    started_at   TEXT,
    ended_at     TEXT,
    heartbeat_at TEXT,                        -- to notice a crashed run from another host
    best_step    INTEGER,                     -- the epoch whose weights were kept
    stop_reason  TEXT CHECK (stop_reason IS NULL OR stop_reason IN
                 ('completed', 'early_stopping', 'diverged', 'interrupted', 'pruned', 'error', 'crashed')),
    notes        TEXT,
    error        TEXT                         -- why a run failed
) STRICT;

CREATE INDEX runs_by_created ON runs (created_at);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_group ON runs (group_name);
CREATE INDEX runs_by_sweep ON runs (sweep_id, trial, fold);
CREATE INDEX runs_by_dataset ON runs (dataset_id);

CREATE TABLE run_tags (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    tag    TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (run_id, tag)
) STRICT, WITHOUT ROWID;

CREATE INDEX run_tags_by_tag ON run_tags (tag, run_id);

-- Every hyperparameter of a run, typed: a weight decay of 1e-3 is the REAL
-- 0.001, a batch size the INTEGER 32, an optimizer the TEXT 'adamw', a flag
-- 0 or 1, a list such as hidden sizes the TEXT '64,64'. Keys are the
-- `tracker train` option names without dashes (wd, dropout, batch_size).
CREATE TABLE params (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key    TEXT NOT NULL CHECK (key <> ''),
    value  ANY,
    PRIMARY KEY (run_id, key)
) STRICT, WITHOUT ROWID;

CREATE INDEX params_by_key_value ON params (key, value);

-- Metric names, interned so that each history row stays small.
CREATE TABLE metric_keys (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (name <> '')
) STRICT;

INSERT INTO metric_keys (id, name) VALUES
    (1, 'train_loss'), (2, 'val_loss'), (3, 'train_acc'), (4, 'val_acc'),
    (5, 'test_loss'), (6, 'test_acc'), (7, 'lr'), (8, 'weight_norm'), (9, 'sparsity');

-- Per-epoch history: about 23 bytes a point. The primary key is the only
-- index; it serves a run's curves and the cascade on delete.
CREATE TABLE metrics (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key_id INTEGER NOT NULL REFERENCES metric_keys (id),
    step   INTEGER NOT NULL,
    value  REAL NOT NULL,
    PRIMARY KEY (run_id, key_id, step)
) STRICT, WITHOUT ROWID;

-- Per run and metric: the last value (at the highest step), the minimum and
-- the maximum with their steps, and the value at the run's best epoch (the
-- step of its minimum val_loss; NULL when the metric has no value there).
-- Kept current as metrics are written, so that comparing thousands of runs
-- never scans (or even seeks into) their history.
CREATE TABLE run_summary (
    run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    key_id        INTEGER NOT NULL REFERENCES metric_keys (id),
    count         INTEGER NOT NULL CHECK (count >= 1),
    last_step     INTEGER NOT NULL,
    last_value    REAL NOT NULL,
    min_step      INTEGER NOT NULL,
    min_value     REAL NOT NULL,
    max_step      INTEGER NOT NULL,
    max_value     REAL NOT NULL,
    value_at_best REAL,
    PRIMARY KEY (run_id, key_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX run_summary_by_key ON run_summary (key_id, min_value);

-- Content-addressed bytes: identical checkpoints are stored once. Blobs are
-- shared, so they are not deleted by cascade; the store removes the ones no
-- checkpoint references after deleting runs.
CREATE TABLE blobs (
    id     INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,              -- hex digest of the bytes
    size   INTEGER NOT NULL CHECK (size >= 0),
    bytes  BLOB NOT NULL
) STRICT;

CREATE TABLE checkpoints (
    id         INTEGER PRIMARY KEY,
    run_id     INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('best', 'last', 'periodic', 'manual')),
    step       INTEGER NOT NULL,
    blob_id    INTEGER NOT NULL REFERENCES blobs (id),
    created_at TEXT NOT NULL
) STRICT;

-- A run has at most one best and one last checkpoint; periodic ones accumulate.
CREATE UNIQUE INDEX checkpoints_one_best_and_last ON checkpoints (run_id, kind) WHERE kind IN ('best', 'last');
CREATE INDEX checkpoints_by_run ON checkpoints (run_id, step);
CREATE INDEX checkpoints_by_blob ON checkpoints (blob_id);

-- One row per metric point, with names instead of ids.
CREATE VIEW metric_history (run_name, metric_name, step, value, run_id) AS
SELECT r.name, k.name, m.step, m.value, m.run_id
FROM metrics AS m
JOIN runs AS r ON r.id = m.run_id
JOIN metric_keys AS k ON k.id = m.key_id;

-- One row per run: who it is, its common hyperparameters, and its results.
-- "best" is the epoch of minimum val_loss; the gap is val_loss minus
-- train_loss at that epoch (the generalization gap of the kept weights).
CREATE VIEW run_overview AS
WITH keys AS (
    SELECT
        (SELECT id FROM metric_keys WHERE name = 'train_loss') AS train_loss,
        (SELECT id FROM metric_keys WHERE name = 'val_loss') AS val_loss,
        (SELECT id FROM metric_keys WHERE name = 'train_acc') AS train_acc,
        (SELECT id FROM metric_keys WHERE name = 'val_acc') AS val_acc,
        (SELECT id FROM metric_keys WHERE name = 'test_loss') AS test_loss,
        (SELECT id FROM metric_keys WHERE name = 'test_acc') AS test_acc
),
base AS (
    SELECT
        r.*,
        (SELECT min_value FROM run_summary WHERE run_id = r.id AND key_id = keys.val_loss) AS best_val_loss,
        (SELECT min_step FROM run_summary WHERE run_id = r.id AND key_id = keys.val_loss) AS best_epoch,
        keys.train_loss AS train_loss_key,
        keys.train_acc AS train_acc_key,
        keys.val_acc AS val_acc_key,
        keys.test_loss AS test_loss_key,
        keys.test_acc AS test_acc_key,
        keys.val_loss AS val_loss_key
    FROM runs AS r, keys
)
SELECT
    b.id AS run_id,
    b.name,
    b.status,
    b.group_name,
    b.sweep_id,
    d.name AS dataset,
    d.version AS dataset_version,
    b.seed,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'optimizer') AS optimizer,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'lr') AS lr,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'wd') AS wd,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'l1') AS l1,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'l2') AS l2,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'dropout') AS dropout,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'batch_size') AS batch_size,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'hidden') AS hidden,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'epochs') AS max_epochs,
    (SELECT value FROM params WHERE run_id = b.id AND key = 'early_stop') AS early_stop,
    b.best_val_loss,
    b.best_epoch,
    (SELECT value_at_best FROM run_summary WHERE run_id = b.id AND key_id = b.train_loss_key) AS train_loss_at_best,
    b.best_val_loss - (SELECT value_at_best FROM run_summary WHERE run_id = b.id AND key_id = b.train_loss_key) AS gap,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.train_loss_key) AS final_train_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.val_loss_key) AS final_val_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.train_acc_key) AS final_train_acc,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.val_acc_key) AS final_val_acc,
    (SELECT max_value FROM run_summary WHERE run_id = b.id AND key_id = b.val_acc_key) AS best_val_acc,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.test_loss_key) AS test_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.test_acc_key) AS test_acc,
    (SELECT last_step FROM run_summary WHERE run_id = b.id AND key_id = b.train_loss_key) AS epochs,
    b.best_step AS restored_epoch,
    b.stop_reason,
    round((julianday(coalesce(b.ended_at, b.heartbeat_at)) - julianday(b.started_at)) * 86400.0, 3) AS duration_s,
    b.created_at
FROM base AS b
LEFT JOIN datasets AS d ON d.id = b.dataset_id;
