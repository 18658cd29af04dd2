import CBaseline
import Foundation
import SQLite
import TrackerKit
import TrackerStore
import Training

/// Issue 3's figures: per-epoch logging against raw C, bulk logging, run
/// creation, bytes per point, and the comparison behind `tracker compare`
/// over 10,000 runs. ANCHORS.md's figures for SQLite and MLflow are printed
/// beside ours.
enum StoreBenchmark {
    static let metricsPerEpoch = 6
    static let epochs: Int64 = 100_000

    static func run() throws {
        let directory = try Measure.temporaryDirectory("store")
        defer { try? FileManager.default.removeItem(at: directory) }
        // TRACKER_BENCH_STORE_PARTS=logging,bulk,runs,compare runs only those parts.
        let parts = ProcessInfo.processInfo.environment["TRACKER_BENCH_STORE_PARTS"]?.split(separator: ",").map(String.init)
        if let path = ProcessInfo.processInfo.environment[compareChildVariable] {
            try compareInChildProcess(path)
            return
        }
        let all: [(String, (URL) throws -> Void)] = [("logging", logging), ("bulk", bulk), ("runs", runCreation), ("compare", compare)]
        for (name, part) in all where parts?.contains(name) ?? true {
            try part(directory)
        }
    }

    /// The engine's per-epoch keys.
    static let keys = ["train_loss", "val_loss", "train_acc", "val_acc", "lr", "weight_norm"]

    /// A training-like epoch: val_loss falls, then rises with noise, so the
    /// best epoch moves often at first and rarely later.
    static func epochValues(_ step: Int, _ generator: inout RandomSource) -> [Double] {
        let progress = Double(step) / Double(epochs)
        let noise = Double(generator.next() % 1000) / 1e5
        return [1 / (1 + progress * 50) + noise, 0.3 + (progress - 0.3) * (progress - 0.3) + noise,
                1 - 0.5 / (1 + progress * 50), 0.9 - (progress - 0.3) * (progress - 0.3), 1e-3, 10 + progress]
    }

    /// A migrated database with one run; returns the run and the first of
    /// six consecutive metric key ids for the C baseline (the standard keys
    /// 1-6 exist in every database; which six does not matter to SQLite).
    static func preparedDatabase(_ path: String) throws -> (run: RunID, firstKey: Int64) {
        let store = try Store(path: path)
        return (try store.createRun().id, 1)
    }

    static func logging(_ directory: URL) throws {
        let rounds = 5
        let perRound = Int(epochs) / rounds
        print("-- 1. logging: one run, \(metricsPerEpoch) metrics per epoch, \(Measure.grouped(Double(epochs))) epochs, each epoch committed")
        print("   (\(rounds) rounds of \(Measure.grouped(Double(perRound))) epochs, the five writers taking turns; medians)")
        let rawPath = directory.appendingPathComponent("raw.db").path
        let rawSamePath = directory.appendingPathComponent("raw-same.db").path
        let storePath = directory.appendingPathComponent("store.db").path
        let kitPath = directory.appendingPathComponent("trackerkit.db").path
        let batchedPath = directory.appendingPathComponent("trackerkit-batched.db").path
        let raw = try preparedDatabase(rawPath)
        let same = try preparedDatabase(rawSamePath)
        let store = try Store(path: storePath)
        let run = try store.createRun()
        // TrackerKit's handle, committing every epoch like the writers above,
        // and with its default flush interval as `tracker train` logs.
        let kitRun = try Tracker.open(path: kitPath).startRun(RunOptions(flushInterval: 0))
        let batchedRun = try Tracker.open(path: batchedPath).startRun()
        var generator = RandomSource(seed: 1)

        // Wall time is what a user waits; CPU time of this thread is what the
        // code costs, and varies less on a shared machine. Ratios use both.
        var rawTimings: [Timing] = [], sameTimings: [Timing] = [], storeTimings: [Timing] = []
        var kitTimings: [Timing] = [], batchedTimings: [Timing] = []
        for round in 0..<rounds {
            let first = round * perRound + 1
            var failed = false
            rawTimings.append(Timing.measure {
                failed = failed || cbaseline_log_epochs(
                    rawPath, raw.run, raw.firstKey, Int32(metricsPerEpoch), Int64(first), Int64(perRound), Store.insertMetricSQL, nil, nil) < 0
            })
            sameTimings.append(Timing.measure {
                failed = failed || cbaseline_log_epochs(
                    rawSamePath, same.run, same.firstKey, Int32(metricsPerEpoch), Int64(first), Int64(perRound),
                    Store.insertMetricSQL, Store.insertSummarySQL, Store.updateSummarySQL) < 0
            })
            guard !failed else { throw StoreError.invalidArgument("the C baseline failed") }
            // The caller's side of an epoch (building the dictionary) is timed too.
            storeTimings.append(try Timing.measure {
                for step in first..<(first + perRound) {
                    let values = epochValues(step, &generator)
                    var metrics: [String: Double] = [:]
                    for (key, value) in zip(keys, values) { metrics[key] = value }
                    try store.logMetrics(run.id, step: step, metrics)
                }
            })
            kitTimings.append(try timeHandle(kitRun, epochs: first..<(first + perRound), &generator))
            batchedTimings.append(try timeHandle(batchedRun, epochs: first..<(first + perRound), &generator))
        }
        store.close()
        try kitRun.finish()
        try batchedRun.finish()
        let (kitT, batchedT) = (Timing.median(kitTimings), Timing.median(batchedTimings))
        let (rawT, sameT, storeT) = (Timing.median(rawTimings), Timing.median(sameTimings), Timing.median(storeTimings))
        let points = Double(perRound * metricsPerEpoch)
        let perEpoch = { (t: Timing) in
            String(format: "%.1f us per epoch, %.1f us CPU  (%@ points/s)", t.wall / Double(perRound) * 1e6,
                   t.cpu / Double(perRound) * 1e6, Measure.grouped(points / t.wall))
        }
        Measure.table([
            ("raw C: 6 inserts, commit", perEpoch(rawT)),
            ("raw C: 6 inserts + 6 summary updates, commit", perEpoch(sameT)),
            ("Store.logMetrics (the same, from a [String: Double])", perEpoch(storeT)),
            ("store / raw C inserts only", String(format: "%.2fx wall, %.2fx CPU  (target <= 1.30x)", storeT.wall / rawT.wall, storeT.cpu / rawT.cpu)),
            ("store / raw C with summaries", String(format: "%.2fx wall, %.2fx CPU", storeT.wall / sameT.wall, storeT.cpu / sameT.cpu)),
            ("TrackerKit RunHandle.log, each epoch committed", perEpoch(kitT)),
            ("TrackerKit / raw C inserts only", String(format: "%.2fx wall, %.2fx CPU  (target <= 1.30x)", kitT.wall / rawT.wall, kitT.cpu / rawT.cpu)),
            ("TrackerKit RunHandle.log, 0.25 s flush (as tracker train)", perEpoch(batchedT)),
            ("TrackerKit 0.25 s flush / raw C inserts only", String(format: "%.2fx wall, %.2fx CPU", batchedT.wall / rawT.wall, batchedT.cpu / rawT.cpu)),
            ("bytes on disk per point", String(format: "%.1f  (target <= 24; MLflow 252)", try bytesPerPoint(storePath, points: Double(epochs) * Double(metricsPerEpoch)))),
            ("ANCHORS.md", "SQLite C, 10 rows per commit, WAL/NORMAL: 44.7 us; MLflow log_metrics: 8.1 ms per epoch"),
        ])
    }

    /// The same epochs through a TrackerKit run handle, the caller's side
    /// included as above; the pending epochs are committed before the clock stops.
    static func timeHandle(_ handle: RunHandle, epochs: Range<Int>, _ generator: inout RandomSource) throws -> Timing {
        try Timing.measure {
            for step in epochs {
                let values = epochValues(step, &generator)
                var metrics: [String: Double] = [:]
                for (key, value) in zip(keys, values) { metrics[key] = value }
                try handle.log(step: step, metrics)
            }
            try handle.flush()
        }
    }

    /// File size after folding the write-ahead log into the database, per point.
    static func bytesPerPoint(_ path: String, points: Double) throws -> Double {
        let database = try Database(path: path)
        try database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database.close()
        return Double(Measure.fileSize(path)) / points
    }

    static func bulk(_ directory: URL) throws {
        let points = 1_200_000
        let batch = 60_000
        let rounds = 3
        print("-- 1b. bulk logging: \(Measure.grouped(Double(points))) points in batches of \(Measure.grouped(Double(batch))) (one transaction each)")
        print("   (\(rounds) rounds, C and store taking turns, each on a fresh file; medians)")
        var rawTimings: [Timing] = [], storeTimings: [Timing] = []
        var bytes = 0.0
        for round in 0..<rounds {
            let rawPath = directory.appendingPathComponent("bulk-raw-\(round).db").path
            let storePath = directory.appendingPathComponent("bulk-store-\(round).db").path
            var rawSeconds = 0.0
            rawTimings.append(Timing.measure {
                rawSeconds = cbaseline_insert_metrics(
                    rawPath,
                    "CREATE TABLE metrics (run_id INTEGER NOT NULL, key_id INTEGER NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (run_id, key_id, step)) STRICT, WITHOUT ROWID",
                    Store.insertMetricSQL, Int64(points))
            })
            guard rawSeconds > 0 else { throw StoreError.invalidArgument("the C baseline failed") }
            let store = try Store(path: storePath)
            let run = try store.createRun()
            var generator = RandomSource(seed: 2)
            var step = 1
            var batches: [[MetricPoint]] = []
            for _ in 0..<(points / batch) {
                var buffer: [MetricPoint] = []
                buffer.reserveCapacity(batch)
                for _ in 0..<(batch / metricsPerEpoch) {
                    for (key, value) in zip(keys, epochValues(step, &generator)) {
                        buffer.append(MetricPoint(key: key, step: step, value: value))
                    }
                    step += 1
                }
                batches.append(buffer)
            }
            storeTimings.append(try Timing.measure {
                for buffer in batches { try store.logMetrics(run.id, points: buffer) }
            })
            store.close()
            bytes = try bytesPerPoint(storePath, points: Double(points))
            try? FileManager.default.removeItem(atPath: rawPath)
        }
        let (rawT, storeT) = (Timing.median(rawTimings), Timing.median(storeTimings))
        Measure.table([
            ("raw C, one transaction, no summaries", "\(Measure.grouped(Double(points) / rawT.wall)) points/s  (CPU: \(Measure.grouped(Double(points) / rawT.cpu)))"),
            ("Store.logMetrics(points:)", "\(Measure.grouped(Double(points) / storeT.wall)) points/s  (CPU: \(Measure.grouped(Double(points) / storeT.cpu)); target >= 1,000,000)"),
            ("store / raw C", String(format: "%.2fx wall, %.2fx CPU (the store also keeps summaries)", storeT.wall / rawT.wall, storeT.cpu / rawT.cpu)),
            ("bytes on disk per point", String(format: "%.1f", bytes)),
            ("ANCHORS.md", "SQLite C: 1.27M rows/s; MLflow log_batch: 8,139 points/s; wandb offline: 30,131 points/s"),
        ])
    }

    static func runCreation(_ directory: URL) throws {
        let count = 2_000
        print("-- 2. run creation with 10 params (\(Measure.grouped(Double(count))) runs, each committed)")
        let store = try Store(path: directory.appendingPathComponent("runs.db").path)
        let seconds = try Measure.time {
            for index in 0..<count {
                var params: [String: ParamValue] = [:]
                for key in 0..<10 { params["p\(key)"] = .real(Double(index * key) * 1e-4) }
                let run = try store.createRun(RunSpec(group: "bench", params: params))
                try store.finishRun(run.id)
            }
        }
        Measure.table([
            ("create + 10 params + finish", String(format: "%.3f ms per run  (target <= 1 ms; MLflow 20.6 ms)", seconds / Double(count) * 1e3)),
        ])
    }

    static func compare(_ directory: URL) throws {
        let runs = 10_000, epochs = 200
        print("-- 4. compare: \(Measure.grouped(Double(runs))) runs x \(epochs) epochs x 4 metrics, 4 params each")
        // TRACKER_BENCH_COMPARE_DB=PATH keeps the generated database there and
        // reuses it on the next run, to iterate on the queries alone.
        let kept = ProcessInfo.processInfo.environment["TRACKER_BENCH_COMPARE_DB"]
        let path = kept ?? directory.appendingPathComponent("compare.db").path
        let reuse = kept.map { FileManager.default.fileExists(atPath: $0) } ?? false
        let store = try Store(path: path)
        let decays = [0, 1e-4, 1e-3, 1e-2]
        var generator = RandomSource(seed: 42)
        let fill = try Measure.time {
            for index in 0..<runs where !reuse {
                let wd = decays[index % 4]
                let run = try store.createRun(RunSpec(params: [
                    "wd": .real(wd), "dropout": .real(Double(index % 5) / 10), "lr": .real(1e-3), "batch_size": .integer(32),
                ]))
                let points = SyntheticCurves.points(epochs: epochs, weightDecay: wd, generator: &generator)
                try store.logMetrics(run.id, points: points)
                try store.finishRun(run.id)
            }
        }
        let points = Double(runs * epochs * 4)
        // The baseline: ANCHORS.md's "best val_loss and its epoch, every run"
        // from the summary table, one plain query stepped through in C-like Swift.
        let baselineSQL = """
            SELECT r.id, s.min_value, s.min_step FROM runs AS r
            JOIN run_summary AS s ON s.run_id = r.id AND s.key_id = (SELECT id FROM metric_keys WHERE name = 'val_loss')
            """
        // The comparison's own SQL, rows stepped through but not read: the
        // part SQLite does, apart from turning values into Swift.
        let comparisonSQL = [
            "SELECT r.id, r.name, r.status, r.group_name, r.sweep_id, r.trial, r.fold, r.dataset_id, r.best_step FROM runs AS r ORDER BY r.id DESC",
            "SELECT run_id, key, value FROM params",
            "SELECT run_id, key_id, count, last_step, last_value, min_step, min_value, max_step, max_value, value_at_best FROM run_summary",
        ]
        var sqlOnly: [Double] = []
        var baseline: [Double] = []
        var all: [Double] = [], filtered: [Double] = [], best: [Double] = []
        var rowsAll = 0, rowsFiltered = 0
        let filter = RunFilter(predicates: try ParamPredicate.parseAll(["wd=1e-3"]))
        for _ in 0..<7 {
            baseline.append(try Measure.time {
                let statement = try store.database.sqlite!.prepare(baselineSQL)
                var sum = 0.0
                while try statement.step() { sum += try statement.column(1, as: Double.self) }
                precondition(sum.isFinite)
            })
            sqlOnly.append(try Measure.time {
                for sql in comparisonSQL {
                    let statement = try store.database.sqlite!.prepare(sql)
                    while try statement.step() {}
                }
            })
            all.append(try Measure.time { rowsAll = try store.comparison().rows.count })
            filtered.append(try Measure.time { rowsFiltered = try store.comparison(filter).rows.count })
            best.append(try Measure.time { _ = try store.bestRun() })
        }
        store.close()
        let processes = try (0..<7).map { _ in try timeChildProcess(path) }
        let milliseconds = { (values: [Double]) in String(format: "%.1f ms", Measure.median(values) * 1e3) }
        Measure.table([
            ("generate (bulk API)", reuse ? "reused \(path)" : String(format: "%.1f s  (%@ points/s, run creation included)", fill, Measure.grouped(points / fill))),
            ("bytes on disk per point", String(format: "%.1f", try bytesPerPoint(path, points: points))),
            ("baseline: best val_loss per run, one query", "\(milliseconds(baseline))  (ANCHORS.md: 7.7 ms)"),
            ("comparison SQL alone (3 queries, rows stepped)", "\(milliseconds(sqlOnly))  (target < 10 ms)"),
            ("comparison, all runs", "\(milliseconds(all))  (\(rowsAll) rows, read into Swift; MLflow search_runs 671 ms)"),
            ("comparison / baseline", String(format: "%.1fx  (params and all summary columns of 4 metrics vs one value)", Measure.median(all) / Measure.median(baseline))),
            ("comparison, wd=1e-3", "\(milliseconds(filtered))  (\(rowsFiltered) rows; MLflow filtered 42-66 ms)"),
            ("best run by val_loss, all runs", milliseconds(best)),
            ("a whole process: start, open, compare, exit", "\(milliseconds(processes))  (this binary; the floor under `tracker compare`)"),
            ("whole `tracker compare` process", "measured by the cli case: tracker-bench cli (target < 100 ms)"),
            ("ANCHORS.md", "best val_loss per run from a summary table: 7.7 ms; filtered: 3.6 ms"),
        ])
    }
}

extension StoreBenchmark {
    /// Set in a child `tracker-bench store` process: open this database,
    /// build the comparison of every run, exit.
    static let compareChildVariable = "TRACKER_BENCH_COMPARE_CHILD"

    static func compareInChildProcess(_ path: String) throws {
        let store = try Store(path: path)
        let rows = try store.comparison().rows.count
        guard rows > 0 else { throw StoreError.notFound("no runs in \(path)") }
    }

    /// Wall time of a child process that starts, opens the store, compares
    /// every run and exits: what `tracker compare` costs before printing.
    static func timeChildProcess(_ path: String) throws -> Double {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let environment = ProcessInfo.processInfo.environment.merging([compareChildVariable: path]) { $1 }
        guard let seconds = ChildProcess.time(binary, ["store"], environment: environment) else {
            throw StoreError.invalidArgument("the child compare process failed")
        }
        return seconds
    }
}


/// Wall and thread CPU time of one measured piece of work.
struct Timing {
    var wall: Double
    var cpu: Double

    static func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    static func measure(_ body: () throws -> Void) rethrows -> Timing {
        let (wall, cpu) = (Measure.now(), cpuNow())
        try body()
        return Timing(wall: Measure.now() - wall, cpu: cpuNow() - cpu)
    }

    static func median(_ timings: [Timing]) -> Timing {
        Timing(wall: Measure.median(timings.map(\.wall)), cpu: Measure.median(timings.map(\.cpu)))
    }
}
