-- 0002_drop_run_summary_by_key.sql (PostgreSQL): run_summary loses its
-- (key_id, min_value) index, as in migrations/0002: it cost every epoch
-- whose minimum moved an index update and served no command.
DROP INDEX run_summary_by_key;
