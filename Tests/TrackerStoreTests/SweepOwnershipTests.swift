import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// A sweep run by a live process is not taken over by another.
@Suite struct SweepOwnershipTests {
    func sweep(_ store: Store) throws -> Sweep {
        try store.createSweep(SweepSpec(name: "s", space: "{}"))
    }

    @Test(arguments: TestBackend.all) func aLiveOwnerInThisProcessTableIsNamedAndKeepsTheSweep(backend: TestBackend) throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["600"]
        try sleeper.run()
        defer {
            kill(sleeper.processIdentifier, SIGKILL)
            sleeper.waitUntilExit()
        }
        let pid = Int64(sleeper.processIdentifier)
        let store = try backend.store()
        let sweep = try sweep(store)
        // Another process (the sleeper, as far as the row says) runs it.
        try store.database.execute(
            "UPDATE sweeps SET pid = ?, process_started = ? WHERE id = ?", pid, try #require(ProcessIdentity.startTime(of: pid)), sweep.id)
        let error = #expect(throws: StoreError.self) { try store.claimSweep(sweep.id) }
        #expect("\(error!)".contains("pid \(pid) on \(store.host)"))
        #expect(try store.database.scalar("SELECT pid FROM sweeps WHERE id = ?", sweep.id, as: Int64.self) == pid)

        // The same pid with another start time is not the owner: taken over.
        try store.database.execute("UPDATE sweeps SET process_started = process_started + 1 WHERE id = ?", sweep.id)
        try store.claimSweep(sweep.id)
        #expect(try store.database.scalar("SELECT pid FROM sweeps WHERE id = ?", sweep.id, as: Int64.self) == store.process.pid)
    }

    @Test(arguments: TestBackend.all) func anOwnerElsewhereIsAliveWhileItsRunsAre(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try sweep(store)
        try store.database.execute("UPDATE sweeps SET host = 'elsewhere' WHERE id = ?", sweep.id)
        let trial = try store.createRun(RunSpec(sweepID: sweep.id, trial: 0))
        try store.database.execute("UPDATE runs SET host = 'elsewhere' WHERE id = ?", trial.id)
        #expect(throws: StoreError.self) { try store.claimSweep(sweep.id) }

        try store.finishRun(trial.id, status: .killed, stopReason: .interrupted)
        try store.claimSweep(sweep.id)
    }

    @Test(arguments: TestBackend.all) func aKilledSweepIsClaimedAndRunningAgain(backend: TestBackend) throws {
        let store = try backend.store()
        let sweep = try sweep(store)
        try store.setSweepStatus(sweep.id, .killed)
        try store.claimSweep(sweep.id)
        #expect(try store.sweep(id: sweep.id).status == .running)
    }
}
