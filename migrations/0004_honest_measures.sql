-- 0004_honest_measures.sql: the best epoch and the kept epoch apart; the gap
-- measured in eval mode on both sides; data set versions keyed by content,
-- target and task.
--
-- Until now `runs.best_step` held one number for two facts: the epoch of the
-- best monitored value, and (as `run_overview.restored_epoch`) the epoch
-- whose weights the final model holds. They differ whenever the weights were
-- not restored: a run without early stopping keeps its last epoch's weights
-- and its test metrics are measured with those.
--
-- After this migration:
-- - `runs.best_step`: the epoch of the best monitored value (unchanged).
-- - `runs.kept_step`: the epoch whose weights the final model and its test
--   metrics come from. Backfilled honestly: the best step where the run
--   restored its best weights (the engine restores them when early stopping
--   was configured, `early_stop` > 0, or when a run diverged), else the last
--   epoch logged.
-- - `run_overview.best_epoch` and `run_overview.kept_epoch` show the two.
-- - `run_overview.restored_epoch` now means what it says: the kept epoch
--   when the weights were restored from an earlier epoch than the last,
--   NULL when the final weights are the last epoch's. (It held the best
--   epoch even when nothing was restored.)
-- - `run_overview.gap` is `val_loss - train_eval_loss` at the best epoch:
--   both losses in eval mode. `train_loss` is the training-mode batch mean
--   (dropout, noise and mixup on), as Keras logs it, so subtracting it gave
--   dropout runs a negative "gap". Runs without `train_eval_loss` (older or
--   external runs) have a NULL gap rather than a wrong one;
--   `train_loss_at_best` stays for those who want the old difference.

ALTER TABLE runs ADD COLUMN kept_step INTEGER;

UPDATE runs SET kept_step = CASE
    WHEN best_step IS NOT NULL AND (
        stop_reason IN ('early_stopping', 'diverged')
        OR coalesce((SELECT CAST(value AS REAL) FROM params WHERE run_id = runs.id AND key = 'early_stop'), 0) > 0)
    THEN best_step
    ELSE (
        SELECT max(s.last_step) FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id
        WHERE s.run_id = runs.id AND k.name IN ('train_loss', 'val_loss', 'train_acc', 'val_acc'))
END
WHERE status <> 'running';

-- The standard keys DESIGN.md names, interned up front like the first nine.
INSERT OR IGNORE INTO metric_keys (name) VALUES
    ('train_eval_loss'), ('train_eval_acc'), ('val_rmse'), ('val_r2'), ('test_rmse'), ('test_r2');

DROP VIEW run_overview;

-- Data set versions. A version is (name, content fingerprint, target, task):
-- one file predicting two columns (`--target val`, `--target cls`) is two
-- rows, never merged, so UNIQUE (name, fingerprint) goes. The name comes
-- from `--dataset-name`, else the built-in name or the file's base name;
-- versions number within a name; content seen before is that version again.
-- A `--subset` is no longer a version: runs record the whole data set's
-- version and the subset in their params (`subset`, `data_seed`). Sources
-- of new rows are absolute paths.
--
-- SQLite cannot drop a table constraint, so the table is rebuilt. The
-- migrator runs this in one transaction with foreign keys on (PRAGMA
-- foreign_keys cannot change inside a transaction, and dropping a table
-- that rows still reference would fail): the references are set aside,
-- the old table dropped and the new one renamed into its place, and the
-- references put back, all in this transaction.
CREATE TEMP TABLE dataset_references AS
    SELECT 'run' AS owner, id, dataset_id FROM runs WHERE dataset_id IS NOT NULL
    UNION ALL
    SELECT 'sweep' AS owner, id, dataset_id FROM sweeps WHERE dataset_id IS NOT NULL;
UPDATE runs SET dataset_id = NULL WHERE dataset_id IS NOT NULL;
UPDATE sweeps SET dataset_id = NULL WHERE dataset_id IS NOT NULL;

CREATE TABLE datasets_rebuilt (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (name <> ''),
    version     INTEGER NOT NULL CHECK (version >= 1),
    fingerprint TEXT NOT NULL,                -- hex SHA-256 of the content
    rows        INTEGER NOT NULL CHECK (rows >= 0),
    features    INTEGER NOT NULL CHECK (features >= 0),
    target      TEXT,                         -- the target column, for CSV data
    task        TEXT NOT NULL CHECK (task IN ('regression', 'classification')),
    classes     INTEGER CHECK (classes IS NULL OR classes >= 2),
    source      TEXT,                         -- absolute file path, or 'builtin:NAME'
    created_at  TEXT NOT NULL,
    UNIQUE (name, version)
) STRICT;
INSERT INTO datasets_rebuilt (id, name, version, fingerprint, rows, features, target, task, classes, source, created_at)
    SELECT id, name, version, fingerprint, rows, features, target, task, classes, source, created_at FROM datasets;
DROP TABLE datasets;
ALTER TABLE datasets_rebuilt RENAME TO datasets;
CREATE UNIQUE INDEX datasets_identity ON datasets (name, fingerprint, coalesce(target, ''), task);

UPDATE runs SET dataset_id = (SELECT r.dataset_id FROM dataset_references AS r WHERE r.owner = 'run' AND r.id = runs.id)
    WHERE id IN (SELECT id FROM dataset_references WHERE owner = 'run');
UPDATE sweeps SET dataset_id = (SELECT r.dataset_id FROM dataset_references AS r WHERE r.owner = 'sweep' AND r.id = sweeps.id)
    WHERE id IN (SELECT id FROM dataset_references WHERE owner = 'sweep');
DROP TABLE dataset_references;

-- One row per run: who it is, its common hyperparameters, and its results.
-- `best_epoch` is the epoch of the best monitored value (the recorded best
-- step, else the epoch of minimum val_loss); `kept_epoch` is the epoch whose
-- weights the final model holds, and `test_loss`/`test_acc` were measured
-- with those weights. The gap is val_loss minus train_eval_loss at the best
-- epoch (both in eval mode); NULL for runs that logged no train_eval_loss.
CREATE VIEW run_overview AS
WITH keys AS (
    SELECT
        (SELECT id FROM metric_keys WHERE name = 'train_loss') AS train_loss,
        (SELECT id FROM metric_keys WHERE name = 'train_eval_loss') AS train_eval_loss,
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
        coalesce(r.best_step,
            (SELECT min_step FROM run_summary WHERE run_id = r.id AND key_id = keys.val_loss)) AS best_epoch_,
        (SELECT max(last_step) FROM run_summary
         WHERE run_id = r.id AND key_id IN (keys.train_loss, keys.val_loss, keys.train_acc, keys.val_acc)) AS last_epoch,
        keys.*
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
    b.best_epoch_ AS best_epoch,
    b.kept_step AS kept_epoch,
    (SELECT value FROM metrics WHERE run_id = b.id AND key_id = b.train_loss AND step = b.best_epoch_) AS train_loss_at_best,
    (SELECT value FROM metrics WHERE run_id = b.id AND key_id = b.train_eval_loss AND step = b.best_epoch_) AS train_eval_loss_at_best,
    (SELECT value FROM metrics WHERE run_id = b.id AND key_id = b.val_loss AND step = b.best_epoch_)
        - (SELECT value FROM metrics WHERE run_id = b.id AND key_id = b.train_eval_loss AND step = b.best_epoch_) AS gap,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.train_loss) AS final_train_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.train_eval_loss) AS final_train_eval_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.val_loss) AS final_val_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.train_acc) AS final_train_acc,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.val_acc) AS final_val_acc,
    (SELECT max_value FROM run_summary WHERE run_id = b.id AND key_id = b.val_acc) AS best_val_acc,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.test_loss) AS test_loss,
    (SELECT last_value FROM run_summary WHERE run_id = b.id AND key_id = b.test_acc) AS test_acc,
    b.last_epoch AS epochs,
    CASE WHEN b.kept_step < b.last_epoch THEN b.kept_step END AS restored_epoch,
    b.stop_reason,
    round((julianday(coalesce(b.ended_at, b.heartbeat_at)) - julianday(b.started_at)) * 86400.0, 3) AS duration_s,
    b.created_at
FROM base AS b
LEFT JOIN datasets AS d ON d.id = b.dataset_id;
