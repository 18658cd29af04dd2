import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// Crash detection with crafted rows: a process is known by pid, start time,
/// boot, machine and pid namespace; elsewhere the heartbeat decides, and a
/// fresh heartbeat is never crashed.
@Suite struct CrashIdentityTests {
    let threshold = 600.0

    /// A store with one running run whose row `craft` then rewrites.
    func verdict(_ craft: (Store, RunID) throws -> Void) throws -> RunStatus {
        let store = try TestBackend.sqlite.store()
        let run = try store.createRun()
        try craft(store, run.id)
        try store.detectCrashedRuns(staleHeartbeatSeconds: threshold)
        return try store.run(id: run.id).status
    }

    func setHeartbeat(_ store: Store, _ run: RunID, secondsAgo: Int) throws {
        try store.database.execute(
            "UPDATE runs SET heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?) WHERE id = ?",
            "\(-secondsAgo) seconds", run)
    }

    func setStarted(_ store: Store, _ run: RunID, secondsAgo: Int) throws {
        try store.database.execute(
            "UPDATE runs SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?), created_at = started_at WHERE id = ?",
            "\(-secondsAgo) seconds", run)
    }

    /// A run handed to another process (`tracker run start` gives it to the
    /// calling script) is known by that process's start time, not its
    /// creator's: alive while the owner lives, crashed once it is gone.
    @Test func aRunHandedToAnotherProcessLivesAndDiesWithIt() throws {
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["30"]
        try owner.run()
        // SIGKILL: a test runner's children inherit its blocked SIGTERM.
        defer { if owner.isRunning { kill(owner.processIdentifier, SIGKILL) } }
        // Another clock tick than this test process's start, whatever the machine's speed.
        Thread.sleep(forTimeInterval: 0.05)
        let alive = try verdict { store, run in
            try store.setOwner(of: run, pid: Int64(owner.processIdentifier))
            try setHeartbeat(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(alive == .running)
        kill(owner.processIdentifier, SIGKILL)
        owner.waitUntilExit()
        let gone = try verdict { store, run in
            try store.setOwner(of: run, pid: Int64(owner.processIdentifier))
            try setHeartbeat(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(gone == .crashed)
    }

    @Test func pidOneReusedWithAnOldHeartbeatIsCrashed() throws {
        let status = try verdict { store, run in
            let pidOneStart = ProcessIdentity.startTime(of: 1) ?? 0
            try store.database.execute("UPDATE runs SET pid = 1, process_started = ? WHERE id = ?", pidOneStart + 12_345, run)
            try setHeartbeat(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(status == .crashed)
    }

    @Test func aSleepProcessHoldingTheOldPidIsNotTheWriter() throws {
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["600"]
        try sleeper.run()
        defer {
            kill(sleeper.processIdentifier, SIGKILL)
            sleeper.waitUntilExit()
        }
        let pid = Int64(sleeper.processIdentifier)
        let start = try #require(ProcessIdentity.startTime(of: pid))

        let impostor = try verdict { store, run in
            try store.database.execute("UPDATE runs SET pid = ?, process_started = ? WHERE id = ?", pid, start - 1, run)
            try setHeartbeat(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(impostor == .crashed)
        let writer = try verdict { store, run in
            try store.database.execute("UPDATE runs SET pid = ?, process_started = ? WHERE id = ?", pid, start, run)
            try setHeartbeat(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(writer == .running, "the recorded process is alive, however old its heartbeat")
    }

    @Test func aGarbageHeartbeatOnAnotherHostCountsAsStale() throws {
        let status = try verdict { store, run in
            try store.database.execute("UPDATE runs SET host = 'elsewhere', heartbeat_at = 'not a time' WHERE id = ?", run)
            try setStarted(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(status == .crashed)
    }

    @Test func aHeartbeatFarInTheFutureCountsAsStale() throws {
        let status = try verdict { store, run in
            try store.database.execute("UPDATE runs SET host = 'elsewhere' WHERE id = ?", run)
            try setHeartbeat(store, run, secondsAgo: -30 * 86_400)
            try setStarted(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(status == .crashed)
        let skewed = try verdict { store, run in
            try store.database.execute("UPDATE runs SET host = 'elsewhere' WHERE id = ?", run)
            try setHeartbeat(store, run, secondsAgo: -60)
            try setStarted(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(skewed == .running, "a clock a minute ahead is within the threshold")
    }

    @Test func aFreshHeartbeatFromAnotherPidNamespaceIsNeverCrashed() throws {
        let status = try verdict { store, run in
            // Same host name, a pid that does not exist here: another container.
            try store.database.execute(
                "UPDATE runs SET pid = ?, pid_namespace = 'pid:[1]' WHERE id = ?", Int64(Int32.max) - 7, run)
            try setHeartbeat(store, run, secondsAgo: 5)
        }
        #expect(status == .running)
    }

    @Test func aRowWithoutIdentityFallsBackToTheHeartbeat() throws {
        let fresh = try verdict { store, run in
            try store.database.execute(
                "UPDATE runs SET pid = ?, process_started = NULL, boot_id = NULL WHERE id = ?", Int64(Int32.max) - 7, run)
            try setHeartbeat(store, run, secondsAgo: 5)
        }
        #expect(fresh == .running)
        let stale = try verdict { store, run in
            try store.database.execute(
                "UPDATE runs SET pid = ?, process_started = NULL, boot_id = NULL WHERE id = ?", Int64(Int32.max) - 7, run)
            try setHeartbeat(store, run, secondsAgo: 3 * 86_400)
        }
        #expect(stale == .crashed)
    }

    @Test func thisProcessIsIdentifiedByMoreThanItsPid() throws {
        let me = ProcessIdentity.current(host: "here")
        #expect(me.startTime != nil && me.bootID != nil && me.pidNamespace != nil)
        #expect(ProcessIdentity.startTime(of: me.pid) == me.startTime)
        #expect(me.sharesProcessTable(with: me))
        var container = me
        container.pidNamespace = "pid:[1]"
        #expect(!me.sharesProcessTable(with: container))
    }
}
