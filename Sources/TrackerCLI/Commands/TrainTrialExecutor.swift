import EngineRecording
import Sweeps

/// A sweep's unit as a real `tracker train` run: the unit's train arguments
/// parsed by `TrainCommand.spec` into a `TrainRequest`, trained with
/// `TrainingJob` on the worker's own store connection, and stopped early by
/// the sweep's pruner (the run ends pruned) or by Ctrl-C (it ends killed).
struct TrainTrialExecutor: TrialExecutor {
    let sweep: Sweep
    let definition: SweepDefinition
    let environment: [String: String]
    /// Ctrl-C, passed in so that in-process tests are not stopped by another test's flag.
    let stopRequested: @Sendable () -> Bool
    /// Told of each unit as it ends, on the worker's thread.
    let finished: @Sendable (TrialUnit, TrialOutcome) -> Void

    func execute(_ unit: TrialUnit, store: Store) throws -> TrialOutcome {
        let request = try Self.request(definition.trainArguments(for: unit), environment: environment)
        let job: TrainingJob
        if let fold = unit.fold, let folds = definition.configuration.folds {
            let loaded: LoadedFolds
            do {
                loaded = try DataCatalog.folds(request.data, k: folds)
            } catch let error as DataError {
                throw CommandFailure(error.description)
            }
            job = try TrainingJob(request, raw: loaded.raw, prepared: loaded.folds[fold])
        } else {
            job = try TrainingJob(request)
        }
        let monitor = definition.configuration.prune.makePruner().map { pruner in
            PendingMonitor(pruner: pruner, metric: sweep.objective, direction: sweep.direction)
        }
        let stopRequested = stopRequested
        // A pruner reads the other trials' epochs as they are committed, so
        // with one every epoch is committed; without, the usual batching
        // (a commit costs about an epoch of a small network).
        let flushInterval = monitor == nil ? RunHandle.defaultFlushInterval : 0
        let outcome = try job.record(
            in: store, placement: .init(sweepID: sweep.id, trial: unit.trial, fold: unit.fold), flushInterval: flushInterval,
            started: { run, _ in monitor?.attach(store: store, sweepID: sweep.id, runID: run.id) },
            stopCheck: { report in
                if stopRequested() { return .interrupted }
                // A pruner that cannot read the history lets the trial run on: pruning only saves time.
                if let monitor, (try? monitor.shouldStop(report)) == true { return .pruned }
                return nil
            })
        let best = try store.comparison(RunFilter(runIDs: [outcome.run.id]), objective: sweep.objective, direction: sweep.direction)
        let objective = best.rows.first.flatMap { best.objectiveValue(of: $0) }
        let result = TrialOutcome(runID: outcome.run.id, status: outcome.status, objective: objective)
        finished(unit, result)
        return result
    }

    /// A unit's `tracker train` arguments as `tracker train` would take them.
    static func request(_ words: [String], environment: [String: String]) throws -> TrainRequest {
        guard case .arguments(let arguments) = try ArgumentParser.parse(words, for: TrainCommand.spec) else {
            throw UsageError.invalid("a sweep trial's arguments asked for help: \(words.joined(separator: " "))")
        }
        return try TrainRequest(arguments, environment: environment)
    }
}

/// The pruning monitor of one trial, made once its run exists (the history
/// it reads leaves that run out).
private final class PendingMonitor {
    let pruner: any Pruner
    let metric: String
    let direction: Direction
    var monitor: TrialPruningMonitor?

    init(pruner: any Pruner, metric: String, direction: Direction) {
        self.pruner = pruner
        self.metric = metric
        self.direction = direction
    }

    func attach(store: Store, sweepID: SweepID, runID: RunID) {
        monitor = TrialPruningMonitor(
            pruner: pruner, history: StorePruningHistory(store: store, sweepID: sweepID, metric: metric, runID: runID),
            metric: metric, direction: direction)
    }

    func shouldStop(_ report: EpochReport) throws -> Bool {
        try monitor?.shouldStop(epoch: report.epoch, metrics: report.metrics) ?? false
    }
}
