#include "CBaseline.h"

#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int exec(sqlite3 *db, const char *sql) {
    char *message = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &message);
    if (rc != SQLITE_OK) {
        fprintf(stderr, "cbaseline: %s: %s\n", sql, message ? message : "?");
        sqlite3_free(message);
    }
    return rc;
}

double cbaseline_insert_metrics(const char *path, const char *create_sql, const char *insert_sql, int64_t rows) {
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL;
    double elapsed = -1;
    if (sqlite3_open(path, &db) != SQLITE_OK) goto done;
    if (exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON") != SQLITE_OK) goto done;
    if (exec(db, create_sql) != SQLITE_OK) goto done;
    if (sqlite3_prepare_v2(db, insert_sql, -1, &insert, NULL) != SQLITE_OK) goto done;

    double start = now_seconds();
    if (exec(db, "BEGIN IMMEDIATE") != SQLITE_OK) goto done;
    for (int64_t i = 0; i < rows; i++) {
        sqlite3_bind_int64(insert, 1, 1 + i / 40000);
        sqlite3_bind_int64(insert, 2, 1 + i % 4);
        sqlite3_bind_int64(insert, 3, (i / 4) % 10000);
        sqlite3_bind_double(insert, 4, 1.0 / (double)(i + 1));
        if (sqlite3_step(insert) != SQLITE_DONE) goto done;
        sqlite3_reset(insert);
    }
    if (exec(db, "COMMIT") != SQLITE_OK) goto done;
    elapsed = now_seconds() - start;

done:
    if (elapsed < 0 && db) fprintf(stderr, "cbaseline: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(insert);
    sqlite3_close(db);
    return elapsed;
}
