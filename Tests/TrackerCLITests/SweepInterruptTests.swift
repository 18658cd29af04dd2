import Foundation
import Testing
import TrackerStore

/// Ctrl-C on a real `tracker sweep` process after its last trial was handed out.
@Suite struct SweepInterruptTests {
    @Test func ctrlCAfterEveryTrialStartedEndsTheSweepKilledWithExit130() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("s.db")
        let process = Process()
        process.executableURL = try trackerBinary()
        process.arguments = [
            "sweep", "--dataset", "digits", "--wd", "0,1e-3", "--epochs", "1000000", "--workers", "2",
            "--name", "stopme", "--db", db,
        ]
        process.standardOutput = FileHandle.nullDevice
        let stderr = Pipe()
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

        // Both trials (all there are) must be training before Ctrl-C.
        let deadline = Date().addingTimeInterval(120)
        var training = 0
        while training < 2 && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            training = (try? queryScalar(
                db, "SELECT count(DISTINCT run_name) FROM metric_history WHERE metric_name = 'train_loss'", as: Int.self)) ?? 0
        }
        try #require(training == 2, "both trials did not start within the time limit")
        kill(process.processIdentifier, SIGINT)
        let exitDeadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < exitDeadline { Thread.sleep(forTimeInterval: 0.05) }
        try #require(!process.isRunning, "SIGINT did not end the sweep within 60 s")
        _ = stderr.fileHandleForReading.readDataToEndOfFile()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(try queryScalar(db, "SELECT status FROM sweeps WHERE name = 'stopme'", as: String.self) == "killed")
        #expect(try queryScalar(db, "SELECT count(*) FROM runs WHERE status = 'killed'", as: Int.self) == 2)
    }
}
