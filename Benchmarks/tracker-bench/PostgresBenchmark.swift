import Foundation
import Synchronization
import PostgreSQL
import TrackerKit
import TrackerStore
import Training

/// Issue 15's figures: the store on PostgreSQL over a Unix socket and over
/// TCP loopback, beside the same store on an SQLite file in the same run.
/// Per-epoch logging (each epoch committed, and TrackerKit's 0.25 s flush
/// as `tracker train` logs), bulk logging, and a sweep's throughput with
/// 1, 2 and 4 joined workers.
///
/// The server: TRACKER_BENCH_POSTGRES_URL (TCP) and
/// TRACKER_BENCH_POSTGRES_SOCKET_URL, else the test cluster's
/// TRACKER_TEST_POSTGRES_URL / TRACKER_TEST_POSTGRES_SOCKET_URL
/// (`scripts/postgres-test-cluster.sh start` prints them). Each store gets
/// a schema of its own, dropped afterwards.
enum PostgresBenchmark {
    struct Target {
        let label: String
        let location: String
        let cleanUp: () -> Void
    }

    static let perEpochEpochs = 3_000
    static let flushedEpochs = 20_000
    static let bulkPoints = 300_000

    static func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let tcp = environment["TRACKER_BENCH_POSTGRES_URL"] ?? environment["TRACKER_TEST_POSTGRES_URL"],
              let socket = environment["TRACKER_BENCH_POSTGRES_SOCKET_URL"] ?? environment["TRACKER_TEST_POSTGRES_SOCKET_URL"] else {
            throw StoreError.invalidArgument(
                "no PostgreSQL server: set TRACKER_BENCH_POSTGRES_URL and TRACKER_BENCH_POSTGRES_SOCKET_URL "
                    + "(scripts/postgres-test-cluster.sh start prints a throwaway cluster's)")
        }
        let directory = try Measure.temporaryDirectory("postgres")
        defer { try? FileManager.default.removeItem(at: directory) }
        var counter = 0
        func targets() throws -> [Target] {
            counter += 1
            let file = directory.appendingPathComponent("store-\(counter).db").path
            return [
                Target(label: "SQLite file", location: file, cleanUp: {}),
                try schemaTarget(label: "PostgreSQL, Unix socket", server: socket),
                try schemaTarget(label: "PostgreSQL, TCP loopback", server: tcp),
            ]
        }
        // TRACKER_BENCH_POSTGRES_PARTS=logging,bulk,sweep runs only those parts.
        let parts = environment["TRACKER_BENCH_POSTGRES_PARTS"]?.split(separator: ",").map(String.init)
        if parts?.contains("logging") ?? true { try perEpoch(try targets()) }
        if parts?.contains("bulk") ?? true { try bulk(try targets()) }
        if parts?.contains("sweep") ?? true { try sweepThroughput(server: tcp, directory: directory) }
    }

    static func perEpoch(_ targets: [Target]) throws {
        print("-- 1. per-epoch logging: \(StoreBenchmark.metricsPerEpoch) metrics an epoch; "
            + "\(Measure.grouped(Double(perEpochEpochs))) epochs each committed, \(Measure.grouped(Double(flushedEpochs))) with TrackerKit's 0.25 s flush")
        var rows: [(String, String)] = []
        var committed: [Double] = []
        for target in targets {
            defer { target.cleanUp() }
            let store = try Store(path: target.location)
            let run = try store.createRun()
            var generator = RandomSource(seed: 1)
            let each = try Timing.measure {
                for step in 1...perEpochEpochs {
                    var metrics: [String: Double] = [:]
                    for (key, value) in zip(StoreBenchmark.keys, StoreBenchmark.epochValues(step, &generator)) { metrics[key] = value }
                    try store.logMetrics(run.id, step: step, metrics)
                }
            }
            store.close()
            let handle = try Tracker.open(path: target.location).startRun()
            let flushed = try StoreBenchmark.timeHandle(handle, epochs: 1..<(flushedEpochs + 1), &generator)
            try handle.finish()
            committed.append(each.wall / Double(perEpochEpochs))
            rows.append(("\(target.label): each epoch committed", String(
                format: "%.0f us per epoch (%.0f us CPU)%@", each.wall / Double(perEpochEpochs) * 1e6,
                each.cpu / Double(perEpochEpochs) * 1e6,
                committed.count > 1 ? String(format: "  (%.1fx SQLite)", committed.last! / committed[0]) : "")))
            rows.append(("\(target.label): RunHandle.log, 0.25 s flush", String(
                format: "%.2f us per epoch (%.2f us CPU)", flushed.wall / Double(flushedEpochs) * 1e6, flushed.cpu / Double(flushedEpochs) * 1e6)))
        }
        Measure.table(rows)
    }

    static func bulk(_ targets: [Target]) throws {
        print("-- 2. bulk logging: \(Measure.grouped(Double(bulkPoints))) points of one run in one call (as import does)")
        var rows: [(String, String)] = []
        var rates: [Double] = []
        for target in targets {
            defer { target.cleanUp() }
            let store = try Store(path: target.location)
            let run = try store.createRun()
            var generator = RandomSource(seed: 2)
            let epochs = bulkPoints / StoreBenchmark.metricsPerEpoch
            var points: [MetricPoint] = []
            points.reserveCapacity(bulkPoints)
            for step in 1...epochs {
                for (key, value) in zip(StoreBenchmark.keys, StoreBenchmark.epochValues(step, &generator)) {
                    points.append(MetricPoint(key: key, step: step, value: value))
                }
            }
            let time = try Measure.time { try store.logMetrics(run.id, points: points) }
            rates.append(Double(points.count) / time)
            rows.append((target.label, String(
                format: "%@ points/s (%.2f s)%@", Measure.grouped(rates.last!), time,
                rates.count > 1 ? String(format: "  (%.2fx SQLite)", rates.last! / rates[0]) : "")))
            if StoreBackend(location: target.location) == .postgresql {
                // The floor: the server making the same rows itself, with no
                // client, no parameters and no summaries.
                let floorRun = try store.createRun()
                let server = try PostgresConnection(url: target.location)
                defer { server.close() }
                let floor = try Measure.time {
                    try server.execute(
                        """
                        INSERT INTO metrics (run_id, key_id, step, value)
                        SELECT $1, (SELECT min(id) FROM metric_keys) + g % 6, g / 6 + 1, g * 1e-6 FROM generate_series(0, $2 - 1) AS g
                        """, floorRun.id, points.count)
                }
                rows.append(("  the server alone: INSERT ... SELECT FROM generate_series", String(
                    format: "%@ points/s (%.2f s)  (the store reaches %.0f%% of it)",
                    Measure.grouped(Double(points.count) / floor), floor, floor / time * 100)))
            }
            store.close()
        }
        Measure.table(rows)
    }

    /// Sweep throughput: one sweep of `SweepBenchmark`'s trials, run by 1, 2
    /// and 4 `tracker sweep --join` worker processes on PostgreSQL, beside
    /// the same sweep run by `tracker sweep --workers N` (threads of one
    /// process) and by N `--join` processes on an SQLite file, in the same run.
    static func sweepThroughput(server: String, directory: URL) throws {
        let tracker = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("tracker").path
        guard FileManager.default.isExecutableFile(atPath: tracker) else {
            throw StoreError.invalidArgument("no tracker binary beside tracker-bench; build it: swift build -c release --product tracker")
        }
        let trials = SweepBenchmark.grid[1].split(separator: ",").count
        let definition = SweepBenchmark.training + SweepBenchmark.grid
        print("-- 3. sweep throughput: \(trials) trials of `tracker train \(SweepBenchmark.training.joined(separator: " "))` "
            + "over \(SweepBenchmark.grid.joined(separator: " ")), on \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var rows: [(String, String)] = []
        var counter = 0
        func line(_ seconds: Double) -> String { String(format: "%.1f s  (%.0f trials/min)", seconds, Double(trials) * 60 / seconds) }
        for workers in [1, 2, 4] {
            counter += 1
            let file = directory.appendingPathComponent("sweep-\(counter).db").path
            let threads = try timedProcesses(tracker, [["sweep"] + definition + ["--workers", String(workers), "--db", file]])
            rows.append(("SQLite file: tracker sweep --workers \(workers)", line(threads)))

            let joinFile = directory.appendingPathComponent("join-\(counter).db").path
            _ = try timedProcesses(tracker, [["sweep"] + definition + ["--workers", "0", "--name", "joined", "--db", joinFile]])
            let fileJoin = try timedProcesses(tracker, Array(repeating: ["sweep", "--join", "joined", "--db", joinFile], count: workers))
            rows.append(("SQLite file: \(workers) x tracker sweep --join", line(fileJoin) + String(format: "  (%.2fx --workers %d)", threads / fileJoin, workers)))

            let target = try schemaTarget(label: "", server: server)
            defer { target.cleanUp() }
            _ = try timedProcesses(tracker, [["sweep"] + definition + ["--workers", "0", "--name", "joined", "--db", target.location]])
            let serverJoin = try timedProcesses(tracker, Array(repeating: ["sweep", "--join", "joined", "--db", target.location], count: workers))
            rows.append(("PostgreSQL TCP: \(workers) x tracker sweep --join", line(serverJoin) + String(format: "  (%.2fx --workers %d)", threads / serverJoin, workers)))
        }
        Measure.table(rows)
    }

    /// Wall time from starting every command at once to the last one's exit.
    static func timedProcesses(_ executable: String, _ commands: [[String]]) throws -> Double {
        let failures = Mutex(0)
        let start = Measure.now()
        let group = DispatchGroup()
        for arguments in commands {
            group.enter()
            Thread {
                defer { group.leave() }
                if ChildProcess.time(executable, arguments) == nil { failures.withLock { $0 += 1 } }
            }.start()
        }
        group.wait()
        let seconds = Measure.now() - start
        guard failures.withLock({ $0 }) == 0 else {
            throw StoreError.invalidArgument("a benchmarked command failed: \(executable) \(commands[0].joined(separator: " "))")
        }
        return seconds
    }

    /// A fresh schema on `server` and the store location that points at it.
    static func schemaTarget(label: String, server: String) throws -> Target {
        let schema = "bench_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try PostgresConnection(url: server)
        // An identifier cannot be bound; this one is made of digits and letters above.
        try admin.execute("CREATE SCHEMA \(schema)")
        let location = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        return Target(label: label, location: location, cleanUp: {
            try? admin.execute("DROP SCHEMA \(schema) CASCADE")
            admin.close()
        })
    }
}
