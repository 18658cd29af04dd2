import Foundation
import SQLite
import Testing
@testable import TrackerStore

@Suite("Crashed runs are noticed when a store opens")
struct CrashDetectionTests {
    /// The pid of a process that has exited and been reaped.
    func deadProcessID() throws -> Int64 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return Int64(process.processIdentifier)
    }

    @Test func sameHostRunWhoseProcessIsGoneIsCrashedAndKeepsItsMetrics() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("crash.db")
        let store = try Store(path: path)
        let dead = try store.createRun()
        try store.logMetrics(dead.id, step: 1, ["val_loss": 0.5])
        let alive = try store.createRun()
        let finished = try store.createRun()
        try store.finishRun(finished.id)
        try store.database.execute("UPDATE runs SET pid = ? WHERE id IN (?, ?)", try deadProcessID(), dead.id, finished.id)

        let reopened = try Store(path: path)
        let crashed = try reopened.run(id: dead.id)
        #expect(crashed.status == .crashed)
        #expect(crashed.stopReason == .crashed)
        #expect(crashed.endedAt == crashed.heartbeatAt)
        #expect(try reopened.history(of: dead.id, metric: "val_loss").map(\.value) == [0.5])
        #expect(try reopened.run(id: alive.id).status == .running, "this process is alive")
        #expect(try reopened.run(id: finished.id).status == .finished)
    }

    @Test(arguments: TestBackend.all) func otherHostRunIsCrashedOnlyWhenItsHeartbeatIsStale(backend: TestBackend) throws {
        let store = try backend.store()
        let stale = try store.createRun()
        let fresh = try store.createRun()
        try store.database.execute("UPDATE runs SET host = 'elsewhere', pid = 1 WHERE id IN (?, ?)", stale.id, fresh.id)
        try store.database.execute(
            "UPDATE runs SET heartbeat_at = ? WHERE id = ?", Timestamp.string(from: Date(timeIntervalSinceNow: -20 * 60)), stale.id)
        #expect(try store.detectCrashedRuns(staleHeartbeatSeconds: 600) == [stale.id])
        #expect(try store.run(id: stale.id).status == .crashed)
        #expect(try store.run(id: fresh.id).status == .running)
        // A longer threshold would not have crashed it.
        try store.database.execute("UPDATE runs SET status = 'running' WHERE id = ?", stale.id)
        #expect(try store.detectCrashedRuns(staleHeartbeatSeconds: 3600).isEmpty)
    }

    @Test func liveAndZombieProcesses() throws {
        #expect(CrashDetector.processIsAlive(Int64(getpid())))
        #expect(!CrashDetector.processIsAlive(try deadProcessID()))
        #expect(!CrashDetector.processIsAlive(0))
        #expect(!CrashDetector.processIsAlive(-5))
    }
}
