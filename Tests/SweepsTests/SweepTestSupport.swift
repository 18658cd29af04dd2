import Foundation
import Synchronization
import TrackerStore
@testable import Sweeps

/// A stand-in for `tracker train`'s flow: records a real run in the store,
/// logs `epochs` epochs of train_loss, val_loss and val_acc, prunes through
/// the sweep's rule, and finishes the run.
///
/// val_loss at epoch e is q + 1/e + seed/1000 + fold/10000, where
/// q = |log10(wd) + 3| / 10 (wd = 1e-3 is best): strictly falling, so a
/// finished run's best value is its last one, and every number is known.
struct SyntheticTrialExecutor: TrialExecutor {
    var sweepID: SweepID
    var epochs: Int
    var prune: PruningRule = .none
    var journal = ExecutionJournal()

    static func quality(_ setting: TrialSetting) -> Double {
        abs(log10(setting["wd"]?.number ?? 1e-3) + 3) / 10
    }

    static func valLoss(_ unit: TrialUnit, epoch: Int) -> Double {
        quality(unit.setting) + 1 / Double(epoch) + Double(unit.seed) / 1000 + Double(unit.fold ?? 0) / 10_000
    }

    func execute(_ unit: TrialUnit, store: Store, control: TrialControl) throws -> TrialOutcome {
        journal.started(on: currentThreadID())
        var params: [String: ParamValue] = [:]
        for (key, value) in unit.setting.values { params[key] = ParamValue(parsing: value.description) }
        let run = try store.createRun(RunSpec(
            seed: unit.seed, sweepID: sweepID, trial: unit.trial, fold: unit.fold, params: params)).id
        let monitor = prune.makePruner().map {
            TrialPruningMonitor(
                pruner: $0, history: StorePruningHistory(store: store, sweepID: sweepID, metric: "val_loss", runID: run),
                metric: "val_loss", direction: .min)
        }
        for epoch in 1...epochs {
            let valLoss = Self.valLoss(unit, epoch: epoch)
            let metrics = ["train_loss": valLoss - 0.05, "val_loss": valLoss, "val_acc": 1 - valLoss / 2]
            try store.logMetrics(run, step: epoch, metrics)
            if try monitor?.shouldStop(epoch: epoch, metrics: metrics) == true {
                try store.finishRun(run, status: .pruned, stopReason: .pruned)
                return TrialOutcome(runID: run, status: .pruned, objective: nil)
            }
        }
        try store.finishRun(run, status: .finished, stopReason: .completed, bestStep: epochs)
        return TrialOutcome(runID: run, status: .finished, objective: Self.valLoss(unit, epoch: epochs))
    }
}

/// What executors did across worker threads.
final class ExecutionJournal: Sendable {
    private let state = Mutex<(count: Int, threads: Set<UInt>)>((0, []))

    func started(on thread: UInt) {
        state.withLock { $0.count += 1; $0.threads.insert(thread) }
    }

    var startedCount: Int { state.withLock { $0.count } }
    var threads: Set<UInt> { state.withLock { $0.threads } }
}

/// A database file in a fresh directory, and the sweep definition helpers the tests share.
struct SweepFixture {
    let directory: TemporaryDirectory
    let path: String
    let store: Store

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("tracker.db")
        store = try Store(path: path)
    }

    func definition(_ options: [SweepOptionInput], seeds: [Int64] = [0], folds: Int? = nil, prune: PruningRule = .none) throws -> SweepDefinition {
        let (space, fixed) = try SearchSpace.parse(options)
        return try SweepDefinition(space: space, configuration: SweepConfiguration(seeds: seeds, folds: folds, prune: prune, fixed: fixed))
    }

    /// A count query; its text comes from the tests, never from data.
    func count(_ sql: String) throws -> Int {
        try store.database.scalar(sql, as: Int.self) ?? -1
    }

    func integrity() throws -> String? {
        try store.database.scalar("PRAGMA integrity_check", as: String.self)
    }

    func close() {
        store.close()
        directory.remove()
    }
}

/// The calling OS thread, to tell worker threads apart.
func currentThreadID() -> UInt {
    UInt(pthread_self())
}
