import Foundation
import Sweeps
import Testing
@testable import TrackerCLI
import TrackerStore

/// Sweep trials run as outside commands through the sweep library's worker pool.
@Suite struct ExternalTrialExecutorTests {
    /// Logs `val_loss = $1` for ten epochs, a fifth of a second apart, and
    /// writes the seed it was given beside it.
    static let script = """
        echo "$TRACKER_SEED $TRACKER_PARAMS" > "seed-$1.txt"
        for e in 1 2 3 4 5 6 7 8 9 10; do
            echo "{\\"step\\": $e, \\"metrics\\": {\\"val_loss\\": $1}}" >&$TRACKER_FD
            sleep 0.2
        done
        """

    private func setUp(_ directory: TemporaryDirectory) throws -> (Store, Sweep, ExternalTrialExecutor) {
        try Data(Self.script.utf8).write(to: directory.url.appendingPathComponent("trial.sh"))
        let path = directory.path("t.db")
        let store = try Store(path: path)
        let sweep = try store.createSweep(SweepSpec(space: #"{"loss": [1, 5]}"#, command: "bash trial.sh {loss}"))
        var supervisor = ExternalTrialExecutor.supervisorOptions()
        supervisor.stdoutDestination = -1
        supervisor.stderrDestination = -1
        let executor = ExternalTrialExecutor(
            sweep: sweep, command: ["bash", directory.path("trial.sh"), "{loss}"], fixedParams: ["model": .text("const")],
            group: "ext", datasetReference: nil, dataset: nil, databasePath: path, workingDirectory: directory.url.path, supervisor: supervisor, report: { _ in })
        return (store, sweep, executor)
    }

    private func units() -> [TrialUnit] {
        [1.0, 5.0].enumerated().map { index, loss in
            TrialUnit(trial: index, seed: Int64(10 + index), fold: nil, setting: TrialSetting(["loss": .number(loss)]))
        }
    }

    @Test func eachTrialIsARunOfTheSweepWithItsSettingAndSeed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (store, sweep, executor) = try setUp(directory)
        defer { store.close() }
        let report = WorkerPool(workers: 2, databasePath: directory.path("t.db"))
            .run(units(), executor: executor, shouldStop: { false })
        #expect(report.failures.isEmpty)
        let runs = try store.runs().filter { $0.sweepID == sweep.id }.sorted { ($0.trial ?? -1) < ($1.trial ?? -1) }
        #expect(runs.map(\.trial) == [0, 1])
        #expect(runs.map(\.seed) == [10, 11])
        #expect(runs.allSatisfy { $0.status == .finished && $0.group == "ext" })
        #expect(try store.params(of: runs[1].id)["loss"] == .integer(5))
        #expect(try store.params(of: runs[1].id)["model"] == .text("const"))
        #expect(try store.history(of: runs[0].id, metric: "val_loss").count == 10)
        let seedFile = try String(contentsOfFile: directory.path("seed-5.txt"), encoding: .utf8)
        #expect(seedFile.hasPrefix("11 "))
    }

    @Test func aPrunedTrialGetsSIGTERMAndEndsPruned() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (store, sweep, executor) = try setUp(directory)
        defer { store.close() }
        // One worker: the good trial finishes before the bad one is judged against it.
        let pruning = TrialPruning(rule: .median(warmup: 1, minTrials: 1), sweepID: sweep.id, metric: "val_loss", direction: .min)
        let report = WorkerPool(workers: 1, databasePath: directory.path("t.db"))
            .run(units(), executor: executor, pruning: pruning, shouldStop: { false })
        #expect(report.failures.isEmpty)
        let runs = try store.runs().filter { $0.sweepID == sweep.id }.sorted { ($0.trial ?? -1) < ($1.trial ?? -1) }
        #expect(runs.map(\.status) == [.finished, .pruned])
        #expect(try store.history(of: runs[1].id, metric: "val_loss").count < 10)
    }
}
