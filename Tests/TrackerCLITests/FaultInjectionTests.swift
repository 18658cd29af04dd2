import Foundation
import SQLite
import Testing
import TrackerStore

/// Kills a real `tracker train --early-stop` with SIGKILL or SIGTERM at
/// seeded random moments and checks after each kill that nothing committed
/// was lost or corrupted and that the best weights were kept: the best
/// checkpoint is exactly the best committed val_loss epoch, with no
/// tolerance for a kill between two commits.
@Suite struct FaultInjectionTests {
    static let trials = 20

    @Test func killsAtRandomMomentsLoseNothingCommittedAndKeepTheBestWeights() throws {
        var random = SeededRandom(seed: 16)
        for trial in 0..<Self.trials {
            let directory = try TemporaryDirectory()
            defer { directory.remove() }
            let db = directory.path("f.db")
            let stopSignal = trial.isMultiple(of: 2) ? SIGKILL : SIGTERM
            // Up to 0.8 s into training (some kills land before any epoch is committed).
            let delay = 0.8 * Double(random.next() >> 11) / Double(1 << 53)

            let process = Process()
            process.executableURL = try trackerBinary()
            process.arguments = [
                // A small learning rate: val_loss keeps improving for the whole window of kills.
                "train", "--dataset", "digits", "--hidden", "16", "--lr", "0.0001", "--epochs", "100000", "--early-stop", "100000",
                "--name", "victim", "--quiet", "--db", db,
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            // Start the clock once the run exists, so every kill hits training.
            let startDeadline = Date().addingTimeInterval(30)
            while process.isRunning, Date() < startDeadline,
                  ((try? queryScalar(db, "SELECT count(*) FROM runs", as: Int.self)) ?? nil ?? 0) == 0 {
                Thread.sleep(forTimeInterval: 0.01)
            }
            // Until the kill, a reader checks every committed state, each one what a kill at that
            // moment would leave: the few milliseconds between two commits are seen too.
            let killAt = Date().addingTimeInterval(delay)
            var liveOptions = Store.Options()
            liveOptions.detectCrashes = false
            let live = try Store(path: db, options: liveOptions)
            var liveMismatch: String?
            while Date() < killAt, liveMismatch == nil {
                liveMismatch = try Self.bestCheckpointMismatch(in: live, run: "victim")
            }
            live.close()
            Thread.sleep(until: killAt)
            if let liveMismatch { Issue.record("trial \(trial), while training: \(liveMismatch)") }
            try #require(process.isRunning, "trial \(trial): training ended before the kill")
            kill(process.processIdentifier, stopSignal)
            process.waitUntilExit()

            let context = "trial \(trial), signal \(stopSignal), \(String(format: "%.3f", delay)) s"
            #expect(try queryScalar(db, "PRAGMA integrity_check", as: String.self) == "ok", "\(context)")
            let store = try Store(path: db)
            defer { store.close() }
            let run = try store.run(named: "victim")
            #expect(run.status == (stopSignal == SIGKILL ? .crashed : .killed), "\(context)")

            // Every committed epoch is there, in order, for every metric logged per epoch.
            let train = try store.history(of: run.id, metric: MetricKey.trainLoss).map(\.step)
            let val = try store.history(of: run.id, metric: MetricKey.valLoss)
            #expect(train == (0..<train.count).map { $0 + 1 }, "\(context)")
            #expect(val.map(\.step) == train, "\(context)")
            guard !val.isEmpty else { continue }

            // Whatever the signal, the metrics of an epoch that improved on the best are committed
            // with its weights: the best checkpoint is the best committed epoch, every time.
            let bestCommitted = val.min { $0.value < $1.value }!.step
            guard let best = try store.checkpoint(run.id, kind: .best) else {
                Issue.record("\(context): val_loss committed up to epoch \(train.last!) but no best checkpoint")
                continue
            }
            #expect(best.step == bestCommitted, "\(context): best checkpoint \(best.step), best committed val_loss \(bestCommitted)")
            if stopSignal == SIGTERM {
                #expect(try store.checkpoint(run.id, kind: .last)?.step == train.last, "\(context)")
            }
            // The stored bytes are what was saved (verified on read).
            _ = try store.checkpointBytes(best)
        }
    }

    /// In one read transaction: the best checkpoint against the best val_loss committed,
    /// described when they differ.
    static func bestCheckpointMismatch(in store: Store, run name: String) throws -> String? {
        try store.database.transaction(.read) {
            guard let run = try? store.run(named: name) else { return nil }
            let val = try store.history(of: run.id, metric: MetricKey.valLoss)
            guard let bestCommitted = val.min(by: { $0.value < $1.value })?.step else { return nil }
            let best = try store.checkpoint(run.id, kind: .best)?.step
            guard best != bestCommitted else { return nil }
            return "val_loss committed to epoch \(val.last!.step), best at \(bestCommitted), best checkpoint \(best.map(String.init) ?? "none")"
        }
    }
}
