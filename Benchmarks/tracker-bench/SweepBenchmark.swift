import Foundation
import Synchronization
import TrackerCLI

/// `tracker sweep` on the sine task: trials per minute with one worker and
/// with two (each worker its own connection to the one database file), and
/// the speed-up. A baseline in the same run: the same trainings as plain
/// `tracker train` commands one after another, which shows what the sweep's
/// machinery costs. A last row adds the median pruner, for which every
/// epoch is committed (the pruner reads the other trials' epochs).
enum SweepBenchmark {
    static let grid = ["--wd", "0,1e-5,1e-4,3e-4,1e-3,3e-3,1e-2,3e-2"]
    static let training = ["--dataset", "sine", "--epochs", "4000"]

    static func run() throws {
        let trials = grid[1].split(separator: ",").count
        print("-- \(trials) trials of `tracker train \(training.joined(separator: " "))` with \(grid.joined(separator: " "))")
        var sequential: [Double] = [], parallel: [Double] = [], oneWorker: [Double] = [], twoWorkers: [Double] = [], pruning: [Double] = []
        for _ in 0..<3 {
            sequential.append(try timed { path in
                for wd in grid[1].split(separator: ",") {
                    try check(TrackerCLI.run(["train"] + training + ["--wd", String(wd), "--quiet", "--db", path], context: CLIBenchmark.discarding))
                }
            })
            parallel.append(try timed { path in try trainOnTwoThreads(path: path) })
            oneWorker.append(try timed { path in try sweep(workers: 1, path: path) })
            twoWorkers.append(try timed { path in try sweep(workers: 2, path: path) })
            pruning.append(try timed { path in try sweep(workers: 2, path: path, extra: ["--prune", "median"]) })
        }
        let perMinute = { (values: [Double]) in Double(trials) * 60 / Measure.median(values) }
        let line = { (values: [Double]) in
            String(format: "%.1f s  (%.0f trials/min)", Measure.median(values), perMinute(values))
        }
        Measure.table([
            ("\(trials) x `tracker train`, one after another (baseline)", line(sequential)),
            ("same, on 2 threads, a file each (the machine's ceiling)", line(parallel)
                + String(format: "  (%.2fx faster)", Measure.median(sequential) / Measure.median(parallel))),
            ("`tracker sweep --workers 1`", line(oneWorker)
                + String(format: "  (%.2fx the baseline's time)", Measure.median(oneWorker) / Measure.median(sequential))),
            ("`tracker sweep --workers 2`", line(twoWorkers)),
            ("speed-up of 2 workers over 1", String(format: "%.2fx  (cores: %d)",
                                                    Measure.median(oneWorker) / Measure.median(twoWorkers),
                                                    ProcessInfo.processInfo.activeProcessorCount)),
            ("`tracker sweep --workers 2 --prune median`", line(pruning) + "  (every epoch committed for the pruner)"),
        ])
    }

    private static func sweep(workers: Int, path: String, extra: [String] = []) throws {
        let words = ["sweep"] + training + grid + extra + ["--workers", String(workers), "--db", path]
        try check(TrackerCLI.run(words, context: CLIBenchmark.discarding))
    }

    /// The plain trainings split over two threads, each writing its own
    /// file: how much two cores give right now, with nothing shared.
    private static func trainOnTwoThreads(path: String) throws {
        let values = grid[1].split(separator: ",").map(String.init)
        let halves = [Array(values.prefix(values.count / 2)), Array(values.suffix(values.count - values.count / 2))]
        let done = DispatchSemaphore(value: 0)
        let failures = Mutex(0)
        for (index, half) in halves.enumerated() {
            let thread = Thread {
                defer { done.signal() }
                for wd in half {
                    let code = TrackerCLI.run(
                        ["train"] + training + ["--wd", wd, "--quiet", "--db", path + ".\(index)"], context: CLIBenchmark.discarding)
                    if code != 0 { failures.withLock { $0 += 1 } }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in halves { done.wait() }
        if failures.withLock({ $0 }) > 0 { throw CommandFailure("a benchmarked train exited non-zero") }
    }

    /// Seconds `body` takes on a fresh database file.
    private static func timed(_ body: (String) throws -> Void) throws -> Double {
        let directory = try Measure.temporaryDirectory("sweep")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("sweep.db").path
        return try Measure.time { try body(path) }
    }

    private static func check(_ code: Int32) throws {
        guard code == 0 else { throw CommandFailure("a benchmarked command exited \(code)") }
    }
}
