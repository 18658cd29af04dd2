import CBaseline
import Foundation
import SQLite
import TrackerStore

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
        try logging(directory)
        try bulk(directory)
        try runCreation(directory)
        try compare(directory)
    }

    /// A migrated database with one run whose metric keys exist; returns (path, run, first key id).
    static func preparedDatabase(_ path: String) throws -> (run: RunID, firstKey: Int64) {
        let store = try TrackerStore(path: path)
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 0, Dictionary(uniqueKeysWithValues: (0..<metricsPerEpoch).map { ("m\($0)", 0.0) }))
        let firstKey: Int64 = try store.database.scalar("SELECT id FROM metric_keys WHERE name = 'm0'") ?? 0
        return (run.id, firstKey)
    }

    static func logging(_ directory: URL) throws {
        print("-- 1. logging: one run, \(metricsPerEpoch) metrics per epoch, \(Measure.grouped(Double(epochs))) epochs, each epoch committed")
        let rawPath = directory.appendingPathComponent("raw.db").path
        let rawSamePath = directory.appendingPathComponent("raw-same.db").path
        let storePath = directory.appendingPathComponent("store.db").path

        let raw = try preparedDatabase(rawPath)
        let rawSeconds = cbaseline_log_epochs(rawPath, raw.run, raw.firstKey, Int32(metricsPerEpoch), epochs, TrackerStore.insertMetricSQL, nil)
        let same = try preparedDatabase(rawSamePath)
        let rawSameSeconds = cbaseline_log_epochs(
            rawSamePath, same.run, same.firstKey, Int32(metricsPerEpoch), epochs, TrackerStore.insertMetricSQL, TrackerStore.upsertSummarySQL)
        guard rawSeconds > 0, rawSameSeconds > 0 else { throw StoreError.invalidArgument("the C baseline failed") }

        let store = try TrackerStore(path: storePath)
        let run = try store.createRun()
        let keys = (0..<metricsPerEpoch).map { "m\($0)" }
        let storeSeconds = try Measure.time {
            for step in 1...Int(epochs) {
                var values: [String: Double] = [:]
                for (index, key) in keys.enumerated() { values[key] = 1 / Double(step) + 0.01 * Double(index) }
                try store.logMetrics(run.id, step: step, values)
            }
        }
        store.close()
        let points = Double(epochs) * Double(metricsPerEpoch)
        let perEpoch = { (seconds: Double) in String(format: "%.1f us per epoch", seconds / Double(epochs) * 1e6) }
        let bytes = try bytesPerPoint(storePath, points: points)
        Measure.table([
            ("raw C, inserts only", "\(perEpoch(rawSeconds))  (\(Measure.grouped(points / rawSeconds)) points/s)"),
            ("raw C, inserts + summary upserts", "\(perEpoch(rawSameSeconds))  (\(Measure.grouped(points / rawSameSeconds)) points/s)"),
            ("TrackerStore.logMetrics", "\(perEpoch(storeSeconds))  (\(Measure.grouped(points / storeSeconds)) points/s)"),
            ("store / raw C inserts only", String(format: "%.2fx  (target <= 1.30x)", storeSeconds / rawSeconds)),
            ("store / raw C same SQL", String(format: "%.2fx  (what the wrapper and Swift add)", storeSeconds / rawSameSeconds)),
            ("bytes on disk per point", String(format: "%.1f  (target <= 24; MLflow 252)", bytes)),
            ("ANCHORS.md", "SQLite C, 10 rows per commit, WAL/NORMAL: 44.7 us; MLflow log_metrics: 8.1 ms per epoch"),
        ])
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
        print("-- 1b. bulk logging: \(Measure.grouped(Double(points))) points in batches of \(Measure.grouped(Double(batch))) (one transaction each)")
        let rawPath = directory.appendingPathComponent("bulk-raw.db").path
        let storePath = directory.appendingPathComponent("bulk-store.db").path
        let rawSeconds = cbaseline_insert_metrics(
            rawPath,
            "CREATE TABLE metrics (run_id INTEGER NOT NULL, key_id INTEGER NOT NULL, step INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (run_id, key_id, step)) STRICT, WITHOUT ROWID",
            TrackerStore.insertMetricSQL, Int64(points))
        let store = try TrackerStore(path: storePath)
        let run = try store.createRun()
        let keys = (0..<metricsPerEpoch).map { "m\($0)" }
        var seconds = 0.0
        var step = 1
        for _ in 0..<(points / batch) {
            var buffer: [MetricPoint] = []
            buffer.reserveCapacity(batch)
            for _ in 0..<(batch / metricsPerEpoch) {
                for (index, key) in keys.enumerated() {
                    buffer.append(MetricPoint(key: key, step: step, value: 1 / Double(step) + 0.01 * Double(index)))
                }
                step += 1
            }
            seconds += try Measure.time { try store.logMetrics(run.id, points: buffer) }
        }
        store.close()
        Measure.table([
            ("raw C, one transaction, no summaries", "\(Measure.grouped(Double(points) / rawSeconds)) points/s"),
            ("TrackerStore.logMetrics(points:)", "\(Measure.grouped(Double(points) / seconds)) points/s  (target >= 1,000,000)"),
            ("store / raw C time", String(format: "%.2fx", seconds / rawSeconds)),
            ("bytes on disk per point", String(format: "%.1f", try bytesPerPoint(storePath, points: Double(points)))),
            ("ANCHORS.md", "MLflow log_batch: 8,139 points/s; wandb offline: 30,131 points/s"),
        ])
    }

    static func runCreation(_ directory: URL) throws {
        let count = 2_000
        print("-- 2. run creation with 10 params (\(Measure.grouped(Double(count))) runs, each committed)")
        let store = try TrackerStore(path: directory.appendingPathComponent("runs.db").path)
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
        let path = directory.appendingPathComponent("compare.db").path
        let store = try TrackerStore(path: path)
        let decays = [0, 1e-4, 1e-3, 1e-2]
        var generator = BenchRandom(seed: 42)
        let fill = try Measure.time {
            for index in 0..<runs {
                let wd = decays[index % 4]
                let run = try store.createRun(RunSpec(params: [
                    "wd": .real(wd), "dropout": .real(Double(index % 5) / 10), "lr": .real(1e-3), "batch_size": .integer(32),
                ]))
                let bestEpoch = 20 + Int(generator.next() % 150)
                var points: [MetricPoint] = []
                points.reserveCapacity(epochs * 4)
                for step in 1...epochs {
                    let distance = Double(step - bestEpoch) / Double(epochs)
                    let noise = Double(generator.next() % 1000) / 1e5
                    points.append(MetricPoint(key: "train_loss", step: step, value: 1 / Double(step) + noise))
                    points.append(MetricPoint(key: "val_loss", step: step, value: 0.3 + wd + distance * distance + noise))
                    points.append(MetricPoint(key: "train_acc", step: step, value: 1 - 1 / Double(step + 1)))
                    points.append(MetricPoint(key: "val_acc", step: step, value: 0.9 - distance * distance))
                }
                try store.logMetrics(run.id, points: points)
                try store.finishRun(run.id)
            }
        }
        let points = Double(runs * epochs * 4)
        var all: [Double] = [], filtered: [Double] = [], best: [Double] = []
        var rowsAll = 0, rowsFiltered = 0
        let filter = RunFilter(predicates: try ParamPredicate.parseAll(["wd=1e-3"]))
        for _ in 0..<5 {
            all.append(try Measure.time { rowsAll = try store.comparison().rows.count })
            filtered.append(try Measure.time { rowsFiltered = try store.comparison(filter).rows.count })
            best.append(try Measure.time { _ = try store.bestRun() })
        }
        store.close()
        let milliseconds = { (values: [Double]) in String(format: "%.1f ms", Measure.median(values) * 1e3) }
        Measure.table([
            ("generate (bulk API)", String(format: "%.1f s  (%@ points/s, run creation included)", fill, Measure.grouped(points / fill))),
            ("bytes on disk per point", String(format: "%.1f", try bytesPerPoint(path, points: points))),
            ("comparison, all runs", "\(milliseconds(all))  (\(rowsAll) rows; target < 10 ms; MLflow search_runs 671 ms)"),
            ("comparison, wd=1e-3", "\(milliseconds(filtered))  (\(rowsFiltered) rows; MLflow filtered 42-66 ms)"),
            ("best run by val_loss, all runs", milliseconds(best)),
            ("whole `tracker compare` process", "not measured yet: the CLI does not exist on this branch (target < 100 ms)"),
            ("ANCHORS.md", "best val_loss per run from a summary table: 7.7 ms; filtered: 3.6 ms"),
        ])
    }
}

/// SplitMix64, so the generated runs are the same in every benchmark run.
struct BenchRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
