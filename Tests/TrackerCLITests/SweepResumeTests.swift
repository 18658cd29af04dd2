import Foundation
import Testing
import TrackerStore

/// A real `tracker sweep` process stopped mid-way, then `--resume`: by
/// Ctrl-C (the sweep and its running trial end killed, exit 130) or by
/// SIGKILL (nothing is marked; the next open finds the trial's run crashed).
@Suite struct SweepResumeTests {
    @Test(arguments: [SIGINT, SIGKILL])
    func anInterruptedSweepResumesWithOnlyTheTrialsThatWereLeft(signal: Int32) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let trials = 4
        let process = Process()
        process.executableURL = try trackerBinary()
        process.arguments = [
            "sweep", "--dataset", "sine", "--wd", "0,1e-4,1e-3,1e-2", "--epochs", "8000", "--workers", "1", "--db", db,
        ]
        let stderr = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Wait for one finished trial and a second one under way, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(120)
        var finished = 0, running = 0
        while (finished < 1 || running < 1) && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            finished = (try? queryScalar(db, "SELECT count(*) FROM runs WHERE status = 'finished'", as: Int.self)) ?? 0
            running = (try? queryScalar(
                db, "SELECT count(*) FROM runs JOIN metric_history ON metric_history.run_name = runs.name WHERE runs.status = 'running'",
                as: Int.self)) ?? 0
        }
        try #require(process.isRunning, "the sweep ended before it could be interrupted")
        try #require(finished >= 1 && running >= 1, "no trial finished within the time limit")
        kill(process.processIdentifier, signal)
        let exitDeadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < exitDeadline { Thread.sleep(forTimeInterval: 0.05) }
        try #require(!process.isRunning, "SIGINT did not end the sweep within 60 s")
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stoppedStatus = signal == SIGINT ? "killed" : "crashed"
        if signal == SIGINT {
            #expect(process.terminationReason == .exit && process.terminationStatus == 130)
            #expect(message.contains("marked killed"))
            #expect(message.contains("tracker sweep --resume 1"))
            #expect(try queryScalar(db, "SELECT status FROM sweeps WHERE id = 1", as: String.self) == "killed")
        } else {
            #expect(process.terminationReason == .uncaughtSignal)
        }

        let finishedBefore = try finishedRuns(db)
        let killed = try #require(try queryScalar(db, "SELECT count(*) FROM runs WHERE status IN ('killed', 'running', 'crashed')", as: Int.self))
        #expect(killed == 1)
        #expect(finishedBefore.count < trials)

        let resumed = try runTrackerBinary(["sweep", "--resume", "1", "--workers", "1", "--db", db])
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(finishedBefore.count) runs already done, \(trials - finishedBefore.count) to run"))
        let finishedAfter = try finishedRuns(db)
        // Every trial finished once; the runs finished before the interruption are the same rows, not reruns.
        #expect(finishedAfter.count == trials)
        #expect(Set(finishedAfter.map(\.trial)) == Set(0..<trials))
        #expect(Set(finishedBefore).isSubset(of: Set(finishedAfter)))
        #expect(try queryScalar(db, "SELECT count(*) FROM runs", as: Int.self) == trials + killed)
        #expect(try queryScalar(db, "SELECT count(*) FROM runs WHERE status = ?", stoppedStatus, as: Int.self) == killed)
        #expect(try queryScalar(db, "SELECT status FROM sweeps WHERE id = 1", as: String.self) == "finished")
        #expect(try queryScalar(db, "PRAGMA integrity_check", as: String.self) == "ok")
    }

    private struct FinishedRun: Hashable {
        var id: Int64
        var trial: Int
    }

    private func finishedRuns(_ db: String) throws -> [FinishedRun] {
        let store = try Store(path: db)
        defer { store.close() }
        return try store.sweepRuns(1).filter { $0.status == .finished }.map { FinishedRun(id: $0.runID, trial: $0.trial ?? -1) }
    }
}
