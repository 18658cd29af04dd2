import Foundation
import Testing
import TrackerStore
import Training

/// Ctrl-C (and SIGTERM, handled the same way) on a real `tracker train` process.
@Suite struct TrainInterruptTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aStopSignalStopsTheRunMarksItKilledAndKeepsTheDatabaseIntact(stopSignal: Int32) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let process = Process()
        process.executableURL = try trackerBinary()
        process.arguments = ["train", "--dataset", "digits", "--epochs", "1000000", "--name", "stopme", "--quiet", "--db", db]
        let stderr = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()

        // Wait until a few epochs are in the database, then press Ctrl-C.
        let deadline = Date().addingTimeInterval(120)
        var logged = 0
        while logged < 3 && process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            logged = (try? pointCount(db, run: "stopme", metric: "train_loss")) ?? 0
        }
        // Never leave a training process behind, whatever fails below.
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try #require(process.isRunning, "the training process ended early")
        try #require(logged >= 3, "no epochs were logged within the time limit")
        kill(process.processIdentifier, stopSignal)
        let exitDeadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < exitDeadline { Thread.sleep(forTimeInterval: 0.05) }
        try #require(!process.isRunning, "signal \(stopSignal) did not end the training process within 60 s")
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(message.contains("marked killed"))
        let store = try Store(path: db)
        defer { store.close() }
        let run = try store.run(named: "stopme")
        #expect(run.status == .killed)
        #expect(run.stopReason == .interrupted)
        let epochs = try pointCount(db, run: "stopme", metric: "train_loss")
        #expect(epochs >= 3)
        let last = try #require(try store.checkpoint(run.id, kind: .last))
        #expect(last.step == epochs)
        #expect(try Model(checkpoint: store.checkpointBytes(last)).architecture.inputs == 64)
        #expect(try queryScalar(db, "PRAGMA integrity_check") == "ok")
    }
}
