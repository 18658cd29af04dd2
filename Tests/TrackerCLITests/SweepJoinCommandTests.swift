import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI

/// `tracker sweep --workers 0` records a sweep for workers; `tracker sweep
/// --join S` runs its queued units (the many-process case is ManyMachinesSweepTests).
@Suite struct SweepJoinCommandTests {
    static let tinySweep = ["--dataset", "sine", "--wd", "0,1e-3", "--seeds", "0,1", "--epochs", "20"]

    func queue(_ db: String) throws -> [SweepTrial] {
        let store = try Store(path: db)
        defer { store.close() }
        return try store.sweepTrials(try store.sweep(named: "shared").id)
    }

    @Test func recordingWithNoWorkersQueuesThePlanAndRunsNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let recorded = sweepInProcess(["--name", "shared", "--workers", "0", "--db", db] + Self.tinySweep)
        #expect(recorded.exitCode == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("4 runs queued") && recorded.stdout.contains("tracker sweep --join 1 --db \(db)"))
        let queued = try queue(db)
        #expect(queued.map(\.status) == Array(repeating: .pending, count: 4))
        #expect(queued.map(\.slot.seed) == [0, 1, 0, 1] && queued.map(\.slot.trial) == [0, 0, 1, 1])
        #expect(try queryScalar(db, "SELECT count(*) FROM runs", as: Int.self) == 0)
    }

    @Test func aJoinedWorkerRunsEveryUnitThenPrintsTheTable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        #expect(sweepInProcess(["--name", "shared", "--workers", "0", "--db", db] + Self.tinySweep).exitCode == 0)

        let joined = sweepInProcess(["--join", "shared", "--db", db])
        #expect(joined.exitCode == 0, "\(joined.stderr)")
        #expect(joined.stderr.contains("4 of 4 runs pending") && joined.stderr.contains("all 4 runs done (4 by this worker)"))
        #expect(joined.stdout.contains("* best: trial") && joined.stdout.contains("Compare: tracker compare --sweep 1 --by wd"))
        let queued = try queue(db)
        #expect(queued.allSatisfy { $0.status == .done && $0.attempts == 1 && $0.runID != nil })
        #expect(try queryScalar(db, "SELECT count(*) FROM runs WHERE status = 'finished'", as: Int.self) == 4)
        #expect(try queryScalar(db, "SELECT status FROM sweeps", as: String.self) == "finished")

        // Nothing is left: a late worker runs nothing and prints the table, here as CSV.
        let late = sweepInProcess(["--join", "1", "--format", "csv", "--db", db])
        #expect(late.exitCode == 0, "\(late.stderr)")
        #expect(late.stderr.contains("(0 by this worker)"))
        #expect(late.stdout.hasPrefix("best,trial,wd,val_loss_mean,"))
        #expect(try queryScalar(db, "SELECT count(*) FROM runs", as: Int.self) == 4)
    }

    @Test func ctrlCGivesTheUnitBackAndExits130() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        #expect(sweepInProcess(["--name", "shared", "--workers", "0", "--db", db] + Self.tinySweep).exitCode == 0)
        // Ctrl-C as soon as the first unit's run exists.
        let stopped = sweepFamilyInProcess(["--join", "shared", "--db", db], spec: SweepCommand.spec) { arguments, context, _ in
            try SweepCommand.execute(arguments, context: context, stopRequested: {
                ((try? queryScalar(db, "SELECT count(*) FROM runs", as: Int.self)) ?? 0) > 0
            })
        }
        #expect(stopped.exitCode == 130)
        let queued = try queue(db)
        #expect(queued.allSatisfy { $0.status == .pending }, "the interrupted unit is back in the queue")
        #expect(queued.map(\.attempts) == [1, 0, 0, 0])
        #expect(try queryScalar(db, "SELECT status FROM runs", as: String.self) == "killed")

        let resumed = sweepInProcess(["--join", "shared", "--db", db])
        #expect(resumed.exitCode == 0, "\(resumed.stderr)")
        #expect(try queue(db).map(\.attempts) == [2, 1, 1, 1])
        #expect(try queryScalar(db, "SELECT count(*) FROM runs WHERE status = 'finished'", as: Int.self) == 4)
    }

    @Test func aSweepThatRunsItsOwnTrialsQueuesThemAndMarksThemDone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = sweepInProcess(["--name", "shared", "--workers", "1", "--db", db] + Self.tinySweep)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let queued = try queue(db)
        #expect(queued.count == 4 && queued.allSatisfy { $0.status == .done && $0.runID != nil })
    }

    @Test func aSweepRunByItsOwnLiveProcessIsNotJoined() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        #expect(sweepInProcess(["--name", "shared", "--workers", "0", "--db", db] + Self.tinySweep).exitCode == 0)
        let owner = Process()
        owner.executableURL = URL(fileURLWithPath: "/bin/sleep")
        owner.arguments = ["600"]
        try owner.run()
        defer {
            kill(owner.processIdentifier, SIGKILL)
            owner.waitUntilExit()
        }
        // The sweep's row says the sleeper runs it, as `tracker sweep` running its own trials would.
        let store = try Store(path: db)
        let pid = Int64(owner.processIdentifier)
        try store.database.execute(
            "UPDATE sweeps SET pid = ?, process_started = ?", pid, try #require(ProcessIdentity.startTime(of: pid)))
        store.close()

        let joined = sweepInProcess(["--join", "shared", "--db", db])
        #expect(joined.exitCode == 1)
        #expect(joined.stderr.contains("is being run by its own process (pid \(pid)"))
        #expect(try queryScalar(db, "SELECT count(*) FROM runs", as: Int.self) == 0)
    }

    @Test(arguments: [
        (["--join", "1", "--wd", "0,1"], "leave out --wd"),
        (["--join", "1", "--workers", "2"], "start more 'tracker sweep --join' workers"),
        (["--join", "1", "--resume", "1"], "leave out --resume"),
        (["--join", "1", "--reclaim-after", "0"], "--reclaim-after"),
        (["--join", "1", "--", "python3", "train.py"], "leave out the command"),
        (["--dataset", "sine", "--reclaim-after", "5"], "add --join SWEEP"),
    ])
    func joinUsageErrorsExit64(words: [String], message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = sweepInProcess(words + ["--db", directory.path("t.db")])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func helpDescribesJoiningAndTheHostVariable() throws {
        // Wrapped lines joined again, so that a phrase is found wherever the line broke.
        let help = HelpFormatter(commandPath: "tracker sweep").help(for: SweepCommand.spec)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--join <sweep>") && help.contains("--reclaim-after <seconds>"))
        #expect(help.contains("--workers 0") && help.contains("TRACKER_HOST"))
    }
}
