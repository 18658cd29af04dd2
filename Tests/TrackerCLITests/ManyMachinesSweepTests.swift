import Foundation
import Testing
import TrackerStore

/// One sweep, three `tracker sweep --join` workers playing three machines
/// (TRACKER_HOST), one killed with -9 while it trains a unit: every unit
/// ends finished exactly once, the killed attempt crashed, nothing else.
@Suite struct ManyMachinesSweepTests {
    /// 3 weight decays x 3 seeds.
    static let units = 9
    /// Short, so that the test takes seconds; every worker is given the same.
    static let reclaimAfter = "3"

    @Test(arguments: SharedStoreBackend.all) func threeWorkersOneKilledEveryUnitFinishedExactlyOnce(backend: SharedStoreBackend) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = try backend.location(in: directory)
        defer { backend.remove(db) }

        let recorded = try runTrackerBinary([
            "sweep", "--dataset", "sine", "--wd", "0,1e-4,1e-3", "--seeds", "0,1,2", "--epochs", "3000",
            "--workers", "0", "--name", "machines", "--db", db,
        ])
        try #require(recorded.exitCode == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("\(Self.units) runs queued"))

        var options = Store.Options()
        options.detectCrashes = false
        let store = try Store(path: db, options: options)
        defer { store.close() }
        func count(_ sql: String) throws -> Int { try store.database.scalar(sql, as: Int.self) ?? -1 }
        #expect(try count("SELECT count(*) FROM sweep_trials WHERE status = 'pending'") == Self.units)
        #expect(try count("SELECT count(*) FROM runs") == 0, "--workers 0 runs nothing")

        let workers = try ["machine-a", "machine-b", "machine-c"].map { host in
            try JoinWorker(host: host, db: db, reclaimAfter: Self.reclaimAfter, directory: directory)
        }
        defer { for worker in workers where worker.process.isRunning { kill(worker.process.processIdentifier, SIGKILL) } }
        let victim = workers[2]

        // The victim holds a claim and its run is training.
        let held = """
            SELECT count(*) FROM sweep_trials AS t JOIN runs AS r ON r.id = t.run_id
            WHERE t.status = 'claimed' AND t.claimed_host = 'machine-c' AND r.status = 'running'
            """
        let deadline = Date().addingTimeInterval(120)
        while try count(held) == 0 && victim.process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        try #require(try count(held) == 1, "machine-c never held a claim with a running run: \(victim.stderr)")
        kill(victim.process.processIdentifier, SIGKILL)
        victim.process.waitUntilExit()
        #expect(victim.process.terminationReason == .uncaughtSignal)

        for worker in workers.prefix(2) {
            let exitDeadline = Date().addingTimeInterval(300)
            while worker.process.isRunning && Date() < exitDeadline { Thread.sleep(forTimeInterval: 0.05) }
            try #require(!worker.process.isRunning, "\(worker.host) did not finish: \(worker.stderr)")
            #expect(worker.process.terminationStatus == 0, "\(worker.host): \(worker.stderr)")
            #expect(worker.stdout.contains("* best: trial"), "each worker prints the sweep's table: \(worker.stdout)")
        }

        // Every unit ended finished exactly once.
        let finishedPerUnit = try store.database.rows("""
            SELECT trial, seed, count(*) FROM runs WHERE status = 'finished' GROUP BY trial, seed ORDER BY trial, seed
            """) { try $0.column(2, as: Int.self) }
        #expect(finishedPerUnit == Array(repeating: 1, count: Self.units))
        // The killed attempt is the one crashed run, machine-c's, and no other run exists.
        #expect(try count("SELECT count(*) FROM runs WHERE status = 'crashed' AND host = 'machine-c'") == 1)
        #expect(try count("SELECT count(*) FROM runs WHERE status NOT IN ('finished', 'crashed')") == 0)
        #expect(try count("SELECT count(*) FROM runs") == Self.units + 1)
        // The queue: all done, the killed unit claimed twice, each done by its finished run.
        #expect(try count("SELECT count(*) FROM sweep_trials WHERE status = 'done'") == Self.units)
        #expect(try count("SELECT count(*) FROM sweep_trials WHERE attempts = 2") == 1)
        #expect(try count("SELECT count(*) FROM sweep_trials WHERE attempts = 1") == Self.units - 1)
        #expect(try count("""
            SELECT count(*) FROM sweep_trials AS t JOIN runs AS r ON r.id = t.run_id
            WHERE r.status = 'finished' AND r.trial = t.trial AND r.seed = t.seed
            """) == Self.units)
        let crashedUnit = """
            SELECT count(*) FROM sweep_trials AS t JOIN runs AS r
              ON r.trial = t.trial AND r.seed = t.seed AND r.status = 'crashed'
            WHERE t.attempts = 2
            """
        #expect(try count(crashedUnit) == 1, "the unit run twice is the one whose attempt crashed")
        #expect(try store.sweep(named: "machines").status == .finished)
        // The survivors took the victim's unit back.
        let tookBack = workers.prefix(2).filter { $0.stderr.contains("took back unit") }
        #expect(tookBack.count == 1, "one worker took the unit back: \(workers.map(\.stderr))")
    }
}

/// One `tracker sweep --join` process as a machine: its host name from
/// TRACKER_HOST, its output in files (a pipe could fill up and block it).
private final class JoinWorker {
    let host: String
    let process = Process()
    private let outPath: String
    private let errPath: String

    init(host: String, db: String, reclaimAfter: String, directory: TemporaryDirectory) throws {
        self.host = host
        outPath = directory.path("\(host).out")
        errPath = directory.path("\(host).err")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.executableURL = try trackerBinary()
        process.arguments = ["sweep", "--join", "machines", "--reclaim-after", reclaimAfter, "--db", db]
        var environment = ProcessInfo.processInfo.environment
        environment["TRACKER_DB"] = nil
        environment["TRACKER_HOST"] = host
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        try process.run()
    }

    var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "" }
}
