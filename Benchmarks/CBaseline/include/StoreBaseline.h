#ifndef STORE_BASELINE_H
#define STORE_BASELINE_H

#include <stdint.h>

// The store's per-epoch logging done through raw SQLite C calls: for each of
// `epochs` steps from `first_step`, BEGIN IMMEDIATE, `metrics` inserts with `insert_sql`
// (run, key, step, value), then -- when `summary_sql` is not NULL -- one
// summary upsert per metric with the store's own upsert SQL (parameters
// run, key, count, last step/value, min step/value, max step/value), COMMIT.
// The database at `path` must already hold the schema and the run.
// Returns seconds, or -1 on error.
double cbaseline_log_epochs(const char *path, int64_t run_id, int64_t first_key_id, int metrics, int64_t first_step, int64_t epochs,
                            const char *insert_sql, const char *summary_sql);

#endif
