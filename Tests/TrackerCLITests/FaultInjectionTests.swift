import Foundation
import SQLite
import Testing
import TrackerStore

/// Kills a real `tracker train --early-stop` with SIGKILL or SIGTERM at
/// seeded random moments and checks after each kill that nothing committed
/// was lost or corrupted and that the best weights were kept.
@Suite struct FaultInjectionTests {
    static let trials = 20

    @Test func killsAtRandomMomentsLoseNothingCommittedAndKeepTheBestWeights() throws {
        var random = SeededRandom(seed: 16)
        var bestCheckpointsAfterSIGKILL = 0
        var runsAfterSIGKILL = 0
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
                "train", "--dataset", "digits", "--hidden", "16", "--epochs", "100000", "--early-stop", "100000",
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
            Thread.sleep(forTimeInterval: delay)
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

            // The best checkpoint is an epoch that was the best so far when reached, no later than
            // the best committed epoch; after SIGTERM it is exactly that epoch.
            let bestCommitted = val.min { $0.value < $1.value }!.step
            var recordEpochs: Set<Int> = []
            var lowest = Double.infinity
            for point in val where point.value < lowest {
                lowest = point.value
                recordEpochs.insert(point.step)
            }
            if stopSignal == SIGKILL { runsAfterSIGKILL += 1 }
            guard let best = try store.checkpoint(run.id, kind: .best) else {
                #expect(stopSignal == SIGKILL, "\(context): a stopped run keeps its best weights")
                continue
            }
            if stopSignal == SIGKILL { bestCheckpointsAfterSIGKILL += 1 }
            #expect(recordEpochs.contains(best.step) && best.step <= bestCommitted, "\(context): best \(best.step), committed best \(bestCommitted)")
            if stopSignal == SIGTERM {
                #expect(best.step == bestCommitted, "\(context)")
                #expect(try store.checkpoint(run.id, kind: .last)?.step == train.last, "\(context)")
            }
            // The stored bytes are what was saved (verified on read).
            _ = try store.checkpointBytes(best)
        }
        // A SIGKILL can land between an epoch's commit and its checkpoint's,
        // a moment of a few milliseconds: nearly every killed run has its best weights.
        #expect(bestCheckpointsAfterSIGKILL >= runsAfterSIGKILL - 1)
    }
}
