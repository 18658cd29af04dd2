import TrackerStore
import Plots
import Sweeps

/// What `tracker sweep` and `tracker retune` share once they have a sweep
/// to run: real training trials on the worker pool with a progress line per
/// trial, then the scoreboard, the best setting and the command that
/// reproduces it. Ctrl-C ends the sweep killed (exit 130) with a hint to resume.
struct SweepRunner {
    var databasePath: String
    var workers: Int
    var context: CommandContext
    var stopRequested: @Sendable () -> Bool

    /// Records `spec` as a new sweep and runs all of it.
    func start(_ spec: SweepSpec, definition: SweepDefinition, store: Store) throws -> SweepSession.Result {
        let units = TrialPlan(definition).units.count
        return try SweepSession.start(
            spec, store: store, pool: WorkerPool(workers: workers, databasePath: databasePath),
            makeExecutor: { sweep in try executor(sweep, definition: definition, total: units, announce: "") },
            shouldStop: stopRequested)
    }

    /// Runs what the sweep still lacks.
    func resume(_ sweep: Sweep, store: Store) throws -> SweepSession.Result {
        let left = try ResumePlan(sweep: sweep, store: store)
        let definition = try SweepDefinition(sweep: sweep)
        return try SweepSession.resume(
            sweep.id, store: store, pool: WorkerPool(workers: workers, databasePath: databasePath),
            makeExecutor: { sweep in
                try executor(
                    sweep, definition: definition, total: left.toRun.count,
                    announce: ": \(left.done.count) runs already done, \(left.toRun.count) to run"
                        + (left.inProgress.isEmpty ? "" : ", \(left.inProgress.count) still running elsewhere"))
            },
            shouldStop: stopRequested)
    }

    private func executor(_ sweep: Sweep, definition: SweepDefinition, total: Int, announce: String) throws -> TrainTrialExecutor {
        let plan = TrialPlan(definition)
        context.printError(
            "Sweep \(sweep.name) (id \(sweep.id)): \(sweep.method.rawValue), \(plan.trials.count) settings x "
                + "\(plan.unitsPerTrial) run\(plan.unitsPerTrial == 1 ? "" : "s") each, \(workers) worker\(workers == 1 ? "" : "s"), "
                + "objective \(sweep.objective) (\(sweep.direction.rawValue))\(announce)")
        let progress = SweepProgress(total: total, objective: sweep.objective, write: context.console.writeError)
        return TrainTrialExecutor(
            sweep: sweep, definition: definition, environment: context.environment,
            finished: progress.finished)
    }

    /// The final table and, in table format, the best setting and how to reproduce and compare it.
    func report(_ result: SweepSession.Result, format: OutputFormat) throws {
        printScoreboard(result.scoreboard, format: format)
        try Self.checkEnd(result)
    }

    /// The table of settings and, in table format, the best one and the commands that reproduce and compare it.
    func printScoreboard(_ board: SweepScoreboard, format: OutputFormat) {
        context.print(board.table(), as: format)
        if format == .table {
            if let best = board.best {
                context.print("\n* best: trial \(best.trial), \(best.setting.summary): \(board.sweep.objective) "
                    + NumberFormatting.compact(best.mean!) + " (mean of \(best.finished) run\(best.finished == 1 ? "" : "s"))")
                context.print("Reproduce: \(board.reproducingCommand(for: best))")
            } else {
                context.print("\nNo setting finished all its runs unpruned; no best setting.")
            }
            let by = board.definition.space.names.joined(separator: ",")
            context.print("Compare: tracker compare --sweep \(board.sweep.id)" + (by.isEmpty ? "" : " --by \(by)"))
        }
    }

    /// Turns a killed or failed sweep into the command's error, after its table was printed.
    static func checkEnd(_ result: SweepSession.Result) throws {
        let sweep = result.sweep
        switch sweep.status {
        case .killed:
            let killed = result.report.outcomes.filter { $0.outcome.status == .killed }.count
            throw CommandInterrupted(
                "Interrupted: sweep \(sweep.name) marked killed (\(killed) run\(killed == 1 ? "" : "s") killed, "
                    + "\(result.report.notStarted.count) not started). Finish it with: tracker sweep --resume \(sweep.id)")
        case .failed:
            let first = result.report.failures.first?.message ?? "no trial ran"
            throw CommandFailure("sweep \(sweep.name) failed: \(first)")
        default:
            break
        }
    }
}
