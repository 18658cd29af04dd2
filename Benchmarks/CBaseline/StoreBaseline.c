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

/* One metric's run_summary row, kept in memory as the store keeps it. */
struct summary {
    int stored;
    int64_t count, last_step, min_step, max_step;
    double last_value, min_value, max_value, value_at_best;
};

/* Reads the run's summary rows, as the store does before its first epoch. */
static int read_summaries(sqlite3 *db, int64_t run_id, int64_t first_key_id, int metrics, struct summary *summaries) {
    sqlite3_stmt *select = NULL;
    int rc = sqlite3_prepare_v2(db,
        "SELECT key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best "
        "FROM run_summary WHERE run_id = ?", -1, &select, NULL);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_int64(select, 1, run_id);
    while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
        int64_t m = sqlite3_column_int64(select, 0) - first_key_id;
        if (m < 0 || m >= metrics) continue;
        struct summary *s = &summaries[m];
        s->stored = 1;
        s->count = sqlite3_column_int64(select, 1);
        s->last_step = sqlite3_column_int64(select, 2);
        s->last_value = sqlite3_column_double(select, 3);
        s->min_step = sqlite3_column_int64(select, 4);
        s->min_value = sqlite3_column_double(select, 5);
        s->max_step = sqlite3_column_int64(select, 6);
        s->max_value = sqlite3_column_double(select, 7);
        s->value_at_best = sqlite3_column_double(select, 8);
    }
    sqlite3_finalize(select);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void bind_summary(sqlite3_stmt *statement, int64_t run_id, int64_t key_id, const struct summary *s) {
    sqlite3_bind_int64(statement, 1, run_id);
    sqlite3_bind_int64(statement, 2, key_id);
    sqlite3_bind_int64(statement, 3, s->count);
    sqlite3_bind_int64(statement, 4, s->last_step);
    sqlite3_bind_double(statement, 5, s->last_value);
    sqlite3_bind_int64(statement, 6, s->min_step);
    sqlite3_bind_double(statement, 7, s->min_value);
    sqlite3_bind_int64(statement, 8, s->max_step);
    sqlite3_bind_double(statement, 9, s->max_value);
    sqlite3_bind_double(statement, 10, s->value_at_best);
}

double cbaseline_log_epochs(const char *path, int64_t run_id, int64_t first_key_id, int metrics, int64_t first_step, int64_t epochs,
                            const char *insert_sql, const char *summary_insert_sql, const char *summary_update_sql) {
    sqlite3 *db = NULL;
    sqlite3_stmt *insert = NULL, *summary_insert = NULL, *summary_update = NULL, *data_version = NULL;
    struct summary summaries[64] = {0};
    int with_summaries = summary_insert_sql && summary_update_sql;
    double elapsed = -1;
    if (metrics < 1 || metrics > 64) return -1;
    if (sqlite3_open(path, &db) != SQLITE_OK) goto done;
    if (run_sql(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON") != SQLITE_OK) goto done;
    if (sqlite3_prepare_v2(db, insert_sql, -1, &insert, NULL) != SQLITE_OK) goto done;
    if (with_summaries) {
        if (sqlite3_prepare_v2(db, summary_insert_sql, -1, &summary_insert, NULL) != SQLITE_OK) goto done;
        if (sqlite3_prepare_v2(db, summary_update_sql, -1, &summary_update, NULL) != SQLITE_OK) goto done;
        if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &data_version, NULL) != SQLITE_OK) goto done;
        if (read_summaries(db, run_id, first_key_id, metrics, summaries) != SQLITE_OK) goto done;
    }

    double start = now_seconds();
    for (int64_t step = first_step; step < first_step + epochs; step++) {
        if (run_sql(db, "BEGIN IMMEDIATE") != SQLITE_OK) goto done;
        /* As the store checks its summary cache: has another connection written? */
        if (data_version) {
            if (sqlite3_step(data_version) != SQLITE_ROW) goto done;
            sqlite3_reset(data_version);
        }
        for (int m = 0; m < metrics; m++) {
            double value = 1.0 / (double)step + 0.01 * m;
            sqlite3_bind_int64(insert, 1, run_id);
            sqlite3_bind_int64(insert, 2, first_key_id + m);
            sqlite3_bind_int64(insert, 3, step);
            sqlite3_bind_double(insert, 4, value);
            if (sqlite3_step(insert) != SQLITE_DONE) goto done;
            sqlite3_reset(insert);
        }
        /* The first metric plays val_loss: its minimum is the best epoch. */
        int best_moved = with_summaries && (!summaries[0].stored || 1.0 / (double)step < summaries[0].min_value);
        for (int m = 0; with_summaries && m < metrics; m++) {
            double value = 1.0 / (double)step + 0.01 * m;
            struct summary *s = &summaries[m];
            if (!s->stored) {
                *s = (struct summary){1, 1, step, step, step, value, value, value, value};
                bind_summary(summary_insert, run_id, first_key_id + m, s);
                if (sqlite3_step(summary_insert) != SQLITE_DONE) goto done;
                sqlite3_reset(summary_insert);
                continue;
            }
            s->count++;
            if (step >= s->last_step) { s->last_step = step; s->last_value = value; }
            if (value < s->min_value) { s->min_step = step; s->min_value = value; }
            if (value > s->max_value) { s->max_step = step; s->max_value = value; }
            if (best_moved) s->value_at_best = value;
            bind_summary(summary_update, run_id, first_key_id + m, s);
            if (sqlite3_step(summary_update) != SQLITE_DONE || sqlite3_changes(db) != 1) goto done;
            sqlite3_reset(summary_update);
        }
        if (run_sql(db, "COMMIT") != SQLITE_OK) goto done;
    }
    elapsed = now_seconds() - start;

done:
    if (elapsed < 0 && db) fprintf(stderr, "store baseline: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(insert);
    sqlite3_finalize(summary_insert);
    sqlite3_finalize(summary_update);
    sqlite3_finalize(data_version);
    sqlite3_close(db);
    return elapsed;
}
