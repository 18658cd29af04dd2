import Foundation
import TrackerStore

/// `tracker exec`'s cost to a Python training loop: a child that only emits
/// 4 metrics per epoch, timed alone (its lines written to /dev/null) and
/// under `tracker exec` (its lines parsed and stored by the parent). Beside
/// MLflow's `log_metrics` (8.1 ms per epoch call) and wandb offline's
/// `run.log` (about 130 us per 4-metric call) from ANCHORS.md. Targets:
/// under 20 us added per epoch, at least 200,000 points/s recorded.
enum ExecBenchmark {
    static let epochs = 100_000
    static let repetitions = 3

    static let child = """
        import json, os, sys
        _fd = os.environ.get("TRACKER_FD")
        _out = os.fdopen(int(_fd), "w", buffering=1) if _fd else open(os.devnull, "w", buffering=1)
        def track(**msg):
            _out.write(json.dumps(msg) + "\\n")
        for epoch in range(int(sys.argv[1])):
            track(step=epoch, metrics={"train_loss": 1.0 / (epoch + 1), "val_loss": 1.1 / (epoch + 1),
                                       "train_acc": 0.5, "val_acc": 0.49})
        """

    static func run() throws {
        let directory = try Measure.temporaryDirectory("exec")
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("child.py").path
        try Data(child.utf8).write(to: URL(fileURLWithPath: script))
        guard let python = executable(named: "python3") else { throw BenchmarkError("python3 is not on PATH; the exec case needs it") }
        let tracker = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tracker").path
        guard FileManager.default.isExecutableFile(atPath: tracker) else {
            throw BenchmarkError("no tracker binary at \(tracker); build it first: swift build -c release --product tracker")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TRACKER_FD"] = nil

        var alone: [Double] = []
        var underExec: [Double] = []
        for repetition in 0..<repetitions {
            guard let seconds = ChildProcess.time(python, [script, String(epochs)], environment: environment) else {
                throw BenchmarkError("the child failed on its own")
            }
            alone.append(seconds)
            let database = directory.appendingPathComponent("exec-\(repetition).db").path
            guard let exec = ChildProcess.time(
                tracker, ["exec", "--db", database, "--", python, script, String(epochs)], environment: environment) else {
                throw BenchmarkError("tracker exec failed")
            }
            underExec.append(exec)
            let store = try Store(path: database)
            let points = try store.summaries(of: 1).values.map(\.count).reduce(0, +)
            store.close()
            guard points == 4 * epochs else { throw BenchmarkError("tracker exec stored \(points) points, expected \(4 * epochs)") }
        }
        let aloneSeconds = Measure.median(alone)
        let execSeconds = Measure.median(underExec)
        let overhead = (execSeconds - aloneSeconds) / Double(epochs) * 1e6
        let pointsPerSecond = Double(4 * epochs) / execSeconds
        Measure.table([
            ("epochs (4 metrics each)", Measure.grouped(Double(epochs))),
            ("child alone (lines to /dev/null)", String(format: "%.2f s (%.1f us/epoch)", aloneSeconds, aloneSeconds / Double(epochs) * 1e6)),
            ("under tracker exec", String(format: "%.2f s (%.1f us/epoch)", execSeconds, execSeconds / Double(epochs) * 1e6)),
            ("added per epoch", String(format: "%.1f us (target < 20 us)", overhead)),
            ("points recorded per second", Measure.grouped(pointsPerSecond) + " (target >= 200,000)"),
            ("MLflow log_metrics (ANCHORS.md)", String(format: "8100 us per epoch: %.0fx ours", 8100 / max(overhead, 0.1))),
            ("wandb offline run.log (ANCHORS.md)", String(format: "~130 us per epoch: %.0fx ours", 130 / max(overhead, 0.1))),
        ])
    }

    private static func executable(named name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

/// A case that cannot run, with the reason and the fix.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
