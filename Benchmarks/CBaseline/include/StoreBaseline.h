#ifndef STORE_BASELINE_H
#define STORE_BASELINE_H

#include <stdint.h>

// The store's per-epoch logging done through raw SQLite C calls: for each of
// `epochs` steps from `first_step`, BEGIN IMMEDIATE, `metrics` inserts with
// `insert_sql` (run, key, step, value), then -- when the summary SQL is given --
// what the store does for summaries: the run's summary rows are read once at
// open and kept in memory; each epoch reads PRAGMA data_version (the store's
// check of its cache) and writes every metric's row with `summary_update_sql`
// (`summary_insert_sql` for its first point); COMMIT. The database at `path` must already hold the schema
// and the run. Returns seconds, or -1 on error.
double cbaseline_log_epochs(const char *path, int64_t run_id, int64_t first_key_id, int metrics, int64_t first_step, int64_t epochs,
                            const char *insert_sql, const char *summary_insert_sql, const char *summary_update_sql);

#endif
