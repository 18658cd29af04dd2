import Foundation
import Synchronization
import Testing
import TrackerStore
@testable import Sweeps

@Suite("Sweep workers: concurrent trials on one database file, stop and resume")
struct SweepWorkerPoolTests {
    @Test(arguments: [2, 4])
    func workersFinishEveryTrialWithExactRowCounts(workers: Int) throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition(
            [SweepOptionInput("wd", "1e-4,1e-3,1e-2,1e-1"), SweepOptionInput("dropout", "0,0.3,0.5")], seeds: [0, 1])
        let sweep = try fixture.store.createSweep(definition.sweepSpec())
        let units = TrialPlan(definition).units
        let executor = SyntheticTrialExecutor(sweepID: sweep.id, epochs: 25)
        let report = WorkerPool(workers: workers, databasePath: fixture.path).run(units, executor: executor, shouldStop: { false })

        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.notStarted.isEmpty && !report.wasStopped)
        #expect(report.outcomes.count == 24 && report.outcomes.allSatisfy { $0.outcome.status == .finished })
        #expect(report.outcomes.map(\.unit) == units, "outcomes come back in plan order")
        #expect(executor.journal.threads.count >= 2, "several workers ran units: \(executor.journal.threads)")
        #expect(try SweepLifecycle.close(sweep.id, after: report, in: fixture.store) == .finished)
        #expect(try fixture.store.sweep(id: sweep.id).status == .finished)

        #expect(try fixture.count("SELECT count(*) FROM runs WHERE status = 'finished'") == 24)
        #expect(try fixture.count("SELECT count(*) FROM metrics") == 24 * 25 * 3)
        #expect(try fixture.count("SELECT count(*) FROM run_summary") == 24 * 3)
        #expect(try fixture.count("SELECT count(DISTINCT trial || '/' || seed) FROM runs") == 24)
        #expect(try fixture.integrity() == "ok")
    }

    @Test func workersEachOpenTheirOwnConnection() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-3,1e-2,1e-1,1")])
        let sweep = try fixture.store.createSweep(definition.sweepSpec())
        let connections = ConnectionLog()
        let report = WorkerPool(workers: 2, databasePath: fixture.path)
            .run(TrialPlan(definition).units, executor: ConnectionRecordingExecutor(log: connections, inner: .init(sweepID: sweep.id, epochs: 20)),
                 shouldStop: { false })
        #expect(report.failures.isEmpty)
        #expect(connections.distinct == connections.threads, "one connection per worker thread")
    }

    @Test func anUnopenableDatabaseFailsTheSweepClearly() {
        let report = WorkerPool(workers: 2, databasePath: "/nonexistent-directory/tracker.db")
            .run([TrialUnit(trial: 0, seed: 0, fold: nil, setting: TrialSetting([:]))],
                 executor: SyntheticTrialExecutor(sweepID: 1, epochs: 1), shouldStop: { false })
        #expect(report.failures.count == 1 && report.notStarted.count == 1)
        #expect(report.failures.first?.message.contains("could not open /nonexistent-directory/tracker.db") == true)
        #expect(SweepLifecycle.finalStatus(of: report) == .failed)
    }

    @Test func aStoppedSweepIsKilledAndResumingRunsOnlyWhatIsLeft() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition([SweepOptionInput("wd", "1e-5,1e-4,1e-3,1e-2,1e-1")], seeds: [0, 1], folds: 2)
        let sweep = try fixture.store.createSweep(definition.sweepSpec())
        let plan = TrialPlan(definition)
        let executor = SyntheticTrialExecutor(sweepID: sweep.id, epochs: 10)
        let journal = executor.journal
        let first = WorkerPool(workers: 2, databasePath: fixture.path)
            .run(plan.units, executor: executor, shouldStop: { journal.startedCount >= 6 })
        #expect(first.wasStopped && !first.notStarted.isEmpty)
        #expect(first.outcomes.count + first.notStarted.count == plan.units.count)
        #expect(try SweepLifecycle.close(sweep.id, after: first, in: fixture.store) == .killed)

        let resume = try ResumePlan(sweep: fixture.store.sweep(id: sweep.id), store: fixture.store)
        #expect(resume.toRun == first.notStarted)
        #expect(resume.done.count == first.outcomes.count && resume.inProgress.isEmpty)
        try fixture.store.setSweepStatus(sweep.id, .running)
        let second = WorkerPool(workers: 2, databasePath: fixture.path).run(
            resume.toRun, executor: SyntheticTrialExecutor(sweepID: sweep.id, epochs: 10), shouldStop: { false })
        #expect(second.outcomes.count == resume.toRun.count && second.failures.isEmpty)
        #expect(try SweepLifecycle.close(sweep.id, after: second, in: fixture.store) == .finished)

        #expect(try fixture.count("SELECT count(*) FROM runs") == plan.units.count, "no unit ran twice")
        #expect(try fixture.count("SELECT count(DISTINCT trial || '/' || seed || '/' || fold) FROM runs") == 20)
        #expect(try fixture.count("SELECT count(*) FROM metrics") == 20 * 10 * 3)
        #expect(try ResumePlan(sweep: fixture.store.sweep(id: sweep.id), store: fixture.store).toRun.isEmpty)
    }

    @Test func theMedianRulePrunesPoorTrialsWhichKeepWhatTheyLogged() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        // Best first: trials 0 and 1 finish and set the median; the rest are worse.
        let definition = try fixture.definition(
            [SweepOptionInput("wd", "1e-3,1e-2,1e-4,1e-1,1e-5")], prune: .median(warmup: 2, minTrials: 2))
        let sweep = try fixture.store.createSweep(definition.sweepSpec())
        let executor = SyntheticTrialExecutor(sweepID: sweep.id, epochs: 12, prune: definition.configuration.prune)
        let report = WorkerPool(workers: 1, databasePath: fixture.path)
            .run(TrialPlan(definition).units, executor: executor, shouldStop: { false })
        #expect(report.outcomes.map(\.outcome.status) == [.finished, .finished, .pruned, .pruned, .pruned])
        let runs = try fixture.store.sweepRuns(sweep.id)
        for run in runs where run.status == .pruned {
            #expect(try fixture.store.history(of: run.runID, metric: "val_loss").map(\.step) == [1, 2, 3])
            #expect(try fixture.store.run(id: run.runID).stopReason == .pruned)
        }
        #expect(try fixture.count("SELECT count(*) FROM metrics") == (2 * 12 + 3 * 3) * 3)
    }

    @Test func successiveHalvingStopsTrialsAtRungsUnderTwoWorkers() throws {
        let fixture = try SweepFixture()
        defer { fixture.close() }
        let definition = try fixture.definition(
            [SweepOptionInput("wd", "1e-3,1e-2,1e-4,1e-1,1e-5,1e-6,1,10")],
            prune: .halving(minEpochs: 2, eta: 2, minTrials: 2))
        let sweep = try fixture.store.createSweep(definition.sweepSpec())
        let report = WorkerPool(workers: 2, databasePath: fixture.path).run(
            TrialPlan(definition).units,
            executor: SyntheticTrialExecutor(sweepID: sweep.id, epochs: 16, prune: definition.configuration.prune), shouldStop: { false })
        #expect(report.failures.isEmpty)
        let statuses = report.outcomes.map(\.outcome.status)
        #expect(statuses.first == .finished, "the best setting is never pruned")
        #expect(statuses.contains(.pruned), "\(statuses)")
        let halving = SuccessiveHalving(minimumEpochs: 2, reductionFactor: 2, minimumTrials: 2)
        for run in try fixture.store.sweepRuns(sweep.id) where run.status == .pruned {
            let last = try fixture.store.history(of: run.runID, metric: "val_loss").last!.step
            #expect(halving.isRung(last), "pruned at epoch \(last), which is a rung")
        }
        #expect(try fixture.integrity() == "ok")
    }
}

/// Records which SQLite connection each worker thread used.
final class ConnectionLog: Sendable {
    private let state = Mutex<(connections: Set<ObjectIdentifier>, threads: Set<UInt>)>(([], []))
    func record(_ store: Store) {
        state.withLock {
            $0.connections.insert(ObjectIdentifier(store.database))
            $0.threads.insert(currentThreadID())
        }
    }
    var distinct: Int { state.withLock { $0.connections.count } }
    var threads: Int { state.withLock { $0.threads.count } }
}

struct ConnectionRecordingExecutor: TrialExecutor {
    let log: ConnectionLog
    let inner: SyntheticTrialExecutor
    func execute(_ unit: TrialUnit, store: Store, control: TrialControl) throws -> TrialOutcome {
        log.record(store)
        return try inner.execute(unit, store: store, control: control)
    }
}
