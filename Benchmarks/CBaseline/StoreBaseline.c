#include "StoreBaseline.h"

#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int run_sql(sqlite3 *db, const char *sql) {
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "store baseline: %s: %s\n", sql, message ? message : "?");
        sqlite3_free(message);
    }
    return rc;
}

double cbaseline_log_epochs(const char *path, int64_t run_id, int64_t first_key_id, int metrics, int64_t first_step, int64_t epochs,
                            const char *insert_sql, const char *summary_sql) {
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL, *summary = NULL;
    double elapsed = -1;
    if (sqlite3_open(path, &db) != SQLITE_OK) goto done;
    if (run_sql(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON") != SQLITE_OK) goto done;
    if (sqlite3_prepare_v2(db, insert_sql, -1, &insert, NULL) != SQLITE_OK) goto done;
    if (summary_sql && sqlite3_prepare_v2(db, summary_sql, -1, &summary, NULL) != SQLITE_OK) goto done;

    double start = now_seconds();
    for (int64_t step = first_step; step < first_step + epochs; step++) {
        if (run_sql(db, "BEGIN IMMEDIATE") != SQLITE_OK) goto done;
        for (int m = 0; m < metrics; m++) {
            double value = 1.0 / (double)step + 0.01 * m;
            sqlite3_bind_int64(insert, 1, run_id);
            sqlite3_bind_int64(insert, 2, first_key_id + m);
            sqlite3_bind_int64(insert, 3, step);
            sqlite3_bind_double(insert, 4, value);
            if (sqlite3_step(insert) != SQLITE_DONE) goto done;
            sqlite3_reset(insert);
        }
        for (int m = 0; summary && m < metrics; m++) {
            double value = 1.0 / (double)step + 0.01 * m;
            sqlite3_bind_int64(summary, 1, run_id);
            sqlite3_bind_int64(summary, 2, first_key_id + m);
            sqlite3_bind_int64(summary, 3, 1);
            for (int column = 0; column < 3; column++) {
                sqlite3_bind_int64(summary, 4 + 2 * column, step);
                sqlite3_bind_double(summary, 5 + 2 * column, value);
            }
            if (sqlite3_step(summary) != SQLITE_DONE) goto done;
            sqlite3_reset(summary);
        }
        if (run_sql(db, "COMMIT") != SQLITE_OK) goto done;
    }
    elapsed = now_seconds() - start;

done:
    if (elapsed < 0 && db) fprintf(stderr, "store baseline: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(insert);
    sqlite3_finalize(summary);
    sqlite3_close(db);
    return elapsed;
}
