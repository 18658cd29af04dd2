import ChildProcess
import ExecRecording
import Sweeps
import TrackerKit

/// A sweep's unit as one `tracker exec` of an outside command: the unit's
/// setting and seed become the run's params, `{KEY}` placeholders,
/// TRACKER_PARAMS and TRACKER_SEED; each step the child logs goes to the
/// trial's control, and a trial it stops gets SIGTERM (SIGKILL after the
/// grace period) and ends pruned, or killed after Ctrl-C.
struct ExternalTrialExecutor: TrialExecutor {
    let sweep: Sweep
    /// The command as typed after `--`, placeholders included.
    let command: [String]
    /// Params every trial shares (not swept).
    let fixedParams: [String: ParamValue]
    let group: String?
    let datasetReference: String?
    let dataset: DatasetSpec?
    let databasePath: String
    /// Where the children run (nil: this process's directory).
    let workingDirectory: String?
    let supervisor: SupervisorOptions
    /// Problems with a child's input, one line each (stderr).
    let report: @Sendable (String) -> Void
    /// Told of each unit as it ends, on the worker's thread.
    var finished: @Sendable (TrialUnit, TrialOutcome) -> Void = { _, _ in }

    func execute(_ unit: TrialUnit, store: Store, control: TrialControl) throws -> TrialOutcome {
        var params = fixedParams
        for (key, value) in unit.setting.values { params[key] = ParamValue(parsing: value.argument ?? "true") }
        let options = RunOptions(
            group: group, params: params, seed: unit.seed, dataset: dataset,
            commandLine: command.map(ShellQuoting.quote).joined(separator: " "),
            placement: SweepPlacement(sweepID: sweep.id, trial: unit.trial, fold: unit.fold),
            flushInterval: control.needsEveryEpochCommitted ? 0 : RunHandle.defaultFlushInterval)
        let session = ExecSession(
            tracker: Tracker(borrowing: store, path: databasePath),
            request: ExecRequest(command: command, run: options, datasetReference: datasetReference,
                workingDirectory: workingDirectory, supervisor: supervisor))
        let trial = unit.trial
        let result = try session.run(
            report: { report("trial \(trial): \($0)") },
            onStarted: { control.runStarted($0, store: store) },
            onMetrics: { step, metrics in
                if let stop = control.afterEpoch(step, metrics: metrics) { session.terminate(asPruned: stop == .pruned) }
            })
        let best = try store.comparison(RunFilter(runIDs: [result.runID]), objective: sweep.objective, direction: sweep.direction)
        let outcome = TrialOutcome(runID: result.runID, status: result.status, objective: best.rows.first.flatMap { best.objectiveValue(of: $0) })
        finished(unit, outcome)
        return outcome
    }

    /// Options for children run side by side: Ctrl-C reaches them from the
    /// terminal (same process group) and a pruned one is stopped by
    /// `terminate`, so no child forwards this process's signals.
    static func supervisorOptions() -> SupervisorOptions {
        var options = SupervisorOptions()
        options.forwardsStopSignals = false
        return options
    }
}
