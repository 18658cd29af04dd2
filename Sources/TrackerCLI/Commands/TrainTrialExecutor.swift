import EngineRecording
import Sweeps

/// A sweep's unit as a real `tracker train` run: the unit's options applied
/// by the hyperparameter table into a `TrainRequest`, trained with
/// `TrainingJob` on the worker's own store connection, and stopped early
/// when the trial's control says so: the sweep's pruner (the run ends pruned)
/// or Ctrl-C (it ends killed).
struct TrainTrialExecutor: TrialExecutor {
    let sweep: Sweep
    let definition: SweepDefinition
    let environment: [String: String]
    /// Told of each unit as it ends, on the worker's thread.
    let finished: @Sendable (TrialUnit, TrialOutcome) -> Void

    func execute(_ unit: TrialUnit, store: Store, control: TrialControl) throws -> TrialOutcome {
        let request = try Self.request(definition.trialOptions(for: unit), environment: environment)
        let job: TrainingJob
        if let fold = unit.fold, let folds = definition.configuration.folds {
            let loaded: LoadedFolds
            do {
                loaded = try DataCatalog.folds(request.data, k: folds)
            } catch let error as DataError {
                throw CommandFailure(error.commandLineMessage)
            }
            job = try TrainingJob(request, raw: loaded.raw, prepared: loaded.folds[fold])
        } else {
            job = try TrainingJob(request)
        }
        let outcome = try job.record(
            in: store, placement: .init(sweepID: sweep.id, trial: unit.trial, fold: unit.fold),
            flushInterval: control.needsEveryEpochCommitted ? 0 : RunHandle.defaultFlushInterval,
            started: { run, _ in control.runStarted(run.id, store: store) },
            stopCheck: { report in
                switch control.afterEpoch(report.epoch, metrics: report.metrics) {
                case .interrupted?: .interrupted
                case .pruned?: .pruned
                case nil: nil
                }
            })
        let best = try store.comparison(RunFilter(runIDs: [outcome.run.id]), objective: sweep.objective, direction: sweep.direction)
        let objective = best.rows.first.flatMap { best.objectiveValue(of: $0) }
        let result = TrialOutcome(runID: outcome.run.id, status: outcome.status, objective: objective)
        finished(unit, result)
        return result
    }

    /// A unit's options (by param key) as `tracker train` would take them.
    static func request(_ options: [String: [String]], environment: [String: String]) throws -> TrainRequest {
        try TrainRequest(given: options, databasePath: DatabaseLocation.resolve(explicit: nil, environment: environment))
    }
}
