#ifndef CBASELINE_H
#define CBASELINE_H

#include <stdint.h>

// The umbrella header: SwiftPM exposes only what it includes.
#include "StoreBaseline.h"

// Baselines measured in the same process as the Swift code they judge: the
// same work done through raw SQLite C calls, with no wrapper in between.

// Inserts `rows` (run, key, step, value) rows into `table_sql`'s table in one
// transaction with one prepared statement. Returns seconds, or -1 on error.
double cbaseline_insert_metrics(const char *path, const char *create_sql, const char *insert_sql, int64_t rows);

#endif
