-- 0004_honest_measures.sql (PostgreSQL): the translation of migrations/0004:
-- the best epoch and the kept epoch apart (`runs.kept_step`), the gap
-- measured in eval mode on both sides (`train_eval_loss`), data set versions
-- keyed by content, target and task. migrations/0004_honest_measures.sql
-- says what each of these means and why.

ALTER TABLE runs ADD COLUMN kept_step bigint;

-- SQLite's CAST(value AS REAL) reads a text param as 0; a jsonb string
-- cannot be cast to a number, so it is read as 0 here explicitly.
UPDATE runs SET kept_step = CASE
    WHEN best_step IS NOT NULL AND (
        stop_reason IN ('early_stopping', 'diverged')
        OR coalesce((SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN value::double precision ELSE 0 END
                     FROM params WHERE run_id = runs.id AND key = 'early_stop'), 0) > 0)
    THEN best_step
    ELSE (
        SELECT max(s.last_step) FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id
        WHERE s.run_id = runs.id AND k.name IN ('train_loss', 'val_loss', 'train_acc', 'val_acc'))
END
WHERE status <> 'running';

-- The standard keys DESIGN.md names, interned up front like the first nine.
INSERT INTO metric_keys (name) VALUES
    ('train_eval_loss'), ('train_eval_acc'), ('val_rmse'), ('val_r2'), ('test_rmse'), ('test_r2')
ON CONFLICT (name) DO NOTHING;

DROP VIEW run_overview;

-- Data set versions: UNIQUE (name, fingerprint) goes. PostgreSQL drops a
-- constraint in place, where SQLite had to rebuild the table; the columns
-- and their order are the same either way.
ALTER TABLE datasets DROP CONSTRAINT datasets_name_fingerprint;
CREATE UNIQUE INDEX datasets_identity ON datasets (name, fingerprint, coalesce(target, ''), task);

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
