-- 0002_drop_run_summary_by_key.sql: run_summary loses its (key_id, min_value) index.
--
-- The index served one query, the best run by a metric's minimum
-- (TrackerStore.bestRun; no CLI command calls it), and cost every epoch
-- whose minimum moved an index delete and insert and one more page written
-- to the write-ahead log: in a real training run train_loss reaches a new
-- minimum most epochs. Without it, the best run of 10,000 reads run_summary
-- once (a few milliseconds), and epochs pay nothing for it.
DROP INDEX run_summary_by_key;
