import Foundation
import TrackerCLI
import TrackerStore
import Training

/// The store-backed commands over the store case's database shape (10,000
/// runs x 200 epochs x 4 metrics): how much `tracker compare` adds to the
/// comparison query it is built on, and how fast `tracker export --metrics`
/// streams history compared with SQLite stepping through the same rows.
enum CLIBenchmark {
    static func run() throws {
        let directory = try Measure.temporaryDirectory("cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        // TRACKER_BENCH_CLI_DB=PATH keeps the generated database there and
        // reuses it on the next run, to iterate on the command alone.
        let kept = ProcessInfo.processInfo.environment["TRACKER_BENCH_CLI_DB"]
        let path = kept ?? directory.appendingPathComponent("cli.db").path
        let runs = 10_000, epochs = 200
        if let kept, FileManager.default.fileExists(atPath: kept) {
            print("-- reusing \(kept) (\(Measure.grouped(Double(runs))) runs x \(epochs) epochs x 4 metrics, 4 params each)")
        } else {
            print("-- building \(Measure.grouped(Double(runs))) runs x \(epochs) epochs x 4 metrics, 4 params each")
            let fill = try Measure.time { try fillDatabase(path, runs: runs, epochs: epochs) }
            print(String(format: "  (%.1f s)", fill))
        }

        let store = try Store(path: path)
        var query: [Double] = [], columns: [Double] = [], replicates: [Double] = [], csv: [Double] = []
        var inProcess: [Double] = [], inProcessBy: [Double] = []
        var comparison = try store.comparison()
        for _ in 0..<5 {
            query.append(try Measure.time { comparison = try store.comparison() })
            var table = DataTable(columns: [])
            columns.append(Measure.time { table = ComparisonTable.runs(comparison) })
            replicates.append(try Measure.time { _ = try ReplicateTable(comparison, by: ["wd", "dropout"]) })
            csv.append(Measure.time { _ = OutputFormat.csv.render(table) })
            inProcess.append(Measure.time { _ = TrackerCLI.run(["compare", "--db", path, "--format", "csv"], context: discarding) })
            inProcessBy.append(Measure.time {
                _ = TrackerCLI.run(["compare", "--db", path, "--by", "wd,dropout"], context: discarding)
            })
        }
        let process = try wholeProcess(["compare", "--db", path, "--format", "csv"])
        let tableProcess = try wholeProcess(["compare", "--db", path])
        let startUp = try wholeProcess(["--version"])

        var streamed: [Double] = [], stepped: [Double] = []
        for _ in 0..<3 {
            stepped.append(try Measure.time {
                let statement = try store.database.sqlite!.prepare("SELECT run_id, key_id, step, value FROM metrics ORDER BY run_id, key_id, step")
                var sum = 0.0
                while try statement.step() { sum += try statement.column(3, as: Double.self) }
                precondition(sum.isFinite)
            })
            streamed.append(Measure.time {
                _ = TrackerCLI.run(["export", "--db", path, "--metrics", "-o", "/dev/null"], context: discarding)
            })
        }
        store.close()

        let ms = { (values: [Double]) in String(format: "%.1f ms", Measure.median(values) * 1e3) }
        let base = Measure.median(query)
        let ratio = { (values: [Double]) in String(format: "%.2fx the query", Measure.median(values) / base) }
        let points = Double(runs * epochs * 4)
        Measure.table([
            ("comparison query (baseline)", "\(ms(query))  (\(comparison.rows.count) rows)"),
            ("compare columns, fit included", "\(ms(columns))  (\(ratio(columns)))"),
            ("--by wd,dropout folding", "\(ms(replicates))  (\(ratio(replicates)))"),
            ("CSV rendering of the table", "\(ms(csv))  (\(ratio(csv)))"),
            ("`tracker compare --format csv`, in-process", "\(ms(inProcess))  (\(ratio(inProcess)); open + query + columns + render)"),
            ("`tracker compare --by wd,dropout`, in-process", "\(ms(inProcessBy))  (\(ratio(inProcessBy)))"),
            ("`tracker compare --format csv`, whole process", process.map { "\(ms($0))  (\(ratio($0)); target < 100 ms)" }
                ?? "not measured: build the binary first (swift build -c release --product tracker)"),
            ("`tracker compare` (table), whole process", tableProcess.map { "\(ms($0))  (\(ratio($0)))" } ?? "not measured"),
            ("`tracker --version`, whole process", startUp.map { "\(ms($0))  (start-up and exit alone)" } ?? "not measured"),
            ("SQLite stepping all points (baseline)", String(format: "%@  (%@ points/s)", ms(stepped), Measure.grouped(points / Measure.median(stepped)))),
            ("`tracker export --metrics` to /dev/null", String(format: "%@  (%@ points/s, %.2fx the stepping time)",
                                                               ms(streamed), Measure.grouped(points / Measure.median(streamed)),
                                                               Measure.median(streamed) / Measure.median(stepped))),
        ])
    }

    static var discarding: CommandContext {
        CommandContext(
            console: Console(writeOut: { _ in }, writeError: { _ in }), environment: [:], terminal: .plain)
    }

    static func fillDatabase(_ path: String, runs: Int, epochs: Int) throws {
        let store = try Store(path: path)
        defer { store.close() }
        let decays = [0, 1e-4, 1e-3, 1e-2]
        var generator = RandomSource(seed: 7)
        for index in 0..<runs {
            let wd = decays[index % 4]
            let run = try store.createRun(RunSpec(seed: Int64(index % 3), params: [
                "wd": .real(wd), "dropout": .real(Double(index / 4 % 5) / 10), "lr": .real(1e-3), "seed": .integer(Int64(index % 3)),
            ]))
            let points = SyntheticCurves.points(epochs: epochs, weightDecay: wd, generator: &generator)
            try store.logMetrics(run.id, points: points)
            try store.finishRun(run.id)
        }
    }

    /// Five runs of the `tracker` executable next to this one, or nil when
    /// it has not been built.
    static func wholeProcess(_ arguments: [String]) throws -> [Double]? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tracker").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
        var times: [Double] = []
        for _ in 0..<5 {
            guard let seconds = ChildProcess.time(binary, arguments) else { return nil }
            times.append(seconds)
        }
        return times
    }
}
