import Foundation
import SQLite
import Testing
import TrackerStore
import Training
@testable import TrackerCLI

/// `tracker train --resume RUN` continues a killed or crashed run in its own
/// record and ends exactly as the uninterrupted run.
@Suite struct TrainResumeTests {
    static let options = ["--dataset", "digits", "--hidden", "16", "--epochs", "14", "--early-stop", "30", "--dropout", "0.2"]

    /// `tracker train` in-process, asked to stop after `epochs` epochs as Ctrl-C would.
    func trainStopping(after epochs: Int, _ words: [String]) throws -> CLIResult {
        let (context, out, err) = capturingContext()
        guard case .arguments(let arguments) = try ArgumentParser.parse(words, for: TrainCommand.spec) else {
            throw CommandFailure("help was requested")
        }
        var asked = 0
        do {
            try TrainCommand.execute(arguments, context: context, stopRequested: {
                asked += 1
                return asked >= epochs
            })
        } catch is CommandInterrupted {
            return CLIResult(exitCode: 130, stdout: out.text, stderr: err.text)
        }
        return CLIResult(exitCode: 0, stdout: out.text, stderr: err.text)
    }

    func model(_ store: Store, _ run: RunID, _ kind: StoredCheckpointKind) throws -> [Float] {
        let checkpoint = try #require(try store.checkpoint(run, kind: kind))
        return try Model(checkpoint: store.checkpointBytes(checkpoint)).parameters
    }

    @Test func aCrashedRunResumedEqualsTheUninterruptedRunToTheLastBit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("r.db")
        let reference = trainInProcess(Self.options + ["--name", "whole", "--db", db])
        #expect(reference.exitCode == 0, "\(reference.stderr)")
        let stopped = try trainStopping(after: 5, Self.options + ["--name", "cut", "--db", db])
        #expect(stopped.exitCode == 130)

        // The process then "died" after committing two more epochs than its last checkpoint holds.
        var options = Store.Options()
        options.detectCrashes = false
        let store = try Store(path: db, options: options)
        defer { store.close() }
        let cut = try store.run(named: "cut")
        #expect(try store.checkpoint(cut.id, kind: .last)?.step == 5)
        try store.logMetrics(cut.id, points: [6, 7].flatMap { step in
            [MetricPoint(key: MetricKey.trainLoss, step: step, value: 99), MetricPoint(key: MetricKey.valLoss, step: step, value: 99)]
        })
        try store.database.execute("UPDATE runs SET status = 'crashed', stop_reason = 'crashed' WHERE id = ?", cut.id)

        let resumed = trainInProcess(["--resume", "cut", "--db", db])
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("resuming after epoch 5"))

        let whole = try store.run(named: "whole")
        let after = try store.run(id: cut.id)
        #expect(after.status == whole.status && after.stopReason == whole.stopReason && after.bestStep == whole.bestStep)
        let metrics = try store.database.rows(
            "SELECT DISTINCT k.name FROM metrics AS m JOIN metric_keys AS k ON k.id = m.key_id WHERE m.run_id = ?", whole.id
        ) { try $0.column(0, as: String.self) }
        #expect(metrics.contains(MetricKey.valLoss))
        for metric in metrics {
            let expected = try store.history(of: whole.id, metric: metric)
            let actual = try store.history(of: cut.id, metric: metric)
            #expect(actual.map(\.step) == expected.map(\.step), "\(metric)")
            #expect(actual.map(\.value.bitPattern) == expected.map(\.value.bitPattern), "\(metric)")
            #expect(try store.summaries(of: cut.id)[metric] == store.summaries(of: whole.id)[metric], "\(metric)")
        }
        for kind in [StoredCheckpointKind.best, .last] {
            #expect(try model(store, cut.id, kind).map(\.bitPattern) == model(store, whole.id, kind).map(\.bitPattern), "\(kind)")
        }
        let show = runCLI(["show", "cut", "--db", db])
        #expect(show.stdout.contains("after epoch 5"), "\(show.stdout)")
    }

    @Test func onlyAKilledOrCrashedRunWithALastCheckpointIsResumed() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("r.db")
        #expect(trainInProcess(Self.options + ["--name", "done", "--db", db]).exitCode == 0)
        let finished = trainInProcess(["--resume", "done", "--db", db])
        #expect(finished.exitCode == 1)
        #expect(finished.stderr.contains("only a killed or crashed run can be resumed"))
        let changed = runCLI(["train", "--resume", "done", "--lr", "0.1", "--db", db])
        #expect(changed.exitCode == 64)
        #expect(changed.stderr.contains("cannot be changed when resuming"))
    }
}
