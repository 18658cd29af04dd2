import Foundation
import Sweeps
import TrackerStore

/// `tracker sweep --workers 0` and `tracker sweep --join S`: a sweep
/// recorded once and run by any number of workers, on any machines, that
/// share its database (see `SweepJoin`).
enum JoinedSweep {
    /// Records the sweep and queues its units without running any.
    static func record(_ spec: SweepSpec, store: Store, databasePath: String, context: CommandContext) throws {
        let sweep = try SweepSession.record(spec, store: store)
        let units = try store.sweepTrialCounts(sweep.id).total
        context.print(
            "Recorded sweep \(sweep.name) (id \(sweep.id)): \(units) run\(units == 1 ? "" : "s") queued, none run here. "
                + "Run them on any number of machines with: tracker sweep --join \(sweep.id) --db \(TrainRequest.shellQuoted(store.database.displayName))")
    }

    /// `tracker sweep --join S`: claims and runs the sweep's units until none is left, then prints its table.
    static func execute(
        _ reference: String, _ arguments: ParsedArguments, context: CommandContext, stopRequested: @escaping @Sendable () -> Bool
    ) throws {
        let others = SweepOptions.all + [SweepCommand.resume, SweepCommand.name, SweepCommand.param] + SweepCommand.trainOptions
        if let given = others.first(where: { arguments.isExplicit($0.name) || ($0.kind == .flag && arguments.isSet($0.name)) }) {
            throw UsageError.invalid(
                given.name == SweepOptions.workers.name
                    ? "--join runs one unit at a time; for more at once, start more 'tracker sweep --join' workers."
                    : "--join runs the sweep as it was recorded; leave out \(given.displayName).")
        }
        if !arguments.strings("command").isEmpty {
            throw UsageError.invalid("--join runs the sweep's recorded command; leave out the command after '--'.")
        }
        let format = try CommonOptions.format(arguments)
        let timeout = try arguments.value(SweepCommand.reclaimAfter.name, as: Double.self, in: .greaterThan(0))
            ?? SweepTrialQueue.defaultReclaimTimeout
        let databasePath = try CommonOptions.databasePath(arguments, environment: context.environment)
        if StoreBackend(location: databasePath) == .sqlite {
            try DatabaseFile.requireExisting(databasePath)
        }

        let store = try Store(path: databasePath)
        defer { store.close() }
        let sweep = try SweepJoin.prepare(try RunSelection.sweepID(reference, store: store), store: store)
        let definition = try SweepDefinition(sweep: sweep)
        let counts = try store.sweepTrialCounts(sweep.id)
        context.printError(
            "Joined sweep \(sweep.name) (id \(sweep.id)) as \(store.host) pid \(store.processID): \(counts.pending) of \(counts.total) "
                + "runs pending, \(counts.claimed) held by other workers; a claim silent for \(NumberText.seconds(timeout)) is taken back")
        let progress = SweepProgress(total: counts.total, objective: sweep.objective, write: context.console.writeError)
        let join = SweepJoin(databasePath: databasePath, reclaimTimeout: timeout)
        let report: SweepJoin.Report
        if let external = definition.configuration.external {
            report = try work(join, sweep: sweep, store: store, context: context, stopRequested: stopRequested,
                executor: try ExternalSweep.trialExecutor(
                    sweep, external: external, definition: definition, databasePath: databasePath, progress: progress))
        } else {
            report = try work(join, sweep: sweep, store: store, context: context, stopRequested: stopRequested,
                executor: TrainTrialExecutor(
                    sweep: sweep, definition: definition, environment: context.environment, finished: progress.finished))
        }

        if report.wasStopped {
            throw CommandInterrupted(
                "Interrupted: this worker ran \(report.outcomes.count) run\(report.outcomes.count == 1 ? "" : "s"); "
                    + "its unit went back to the queue. Join again with: tracker sweep --join \(sweep.id)")
        }
        let ended = try store.sweep(id: sweep.id)
        context.printError(
            "Sweep \(ended.name): all \(report.counts.total) runs done (\(report.outcomes.count) by this worker"
                + (report.reclaimed.isEmpty ? "" : ", \(report.reclaimed.count) taken back from dead workers") + ")")
        let runner = SweepRunner(databasePath: databasePath, workers: 1, context: context, stopRequested: stopRequested)
        runner.printScoreboard(try SweepScoreboard(sweep: ended, store: store), format: format)
    }

    private static func work(
        _ join: SweepJoin, sweep: Sweep, store: Store, context: CommandContext, stopRequested: @escaping @Sendable () -> Bool,
        executor: some TrialExecutor
    ) throws -> SweepJoin.Report {
        try join.run(sweep, store: store, executor: executor, shouldStop: stopRequested, onReclaim: { trial in
            context.printError(
                "tracker sweep: took back unit \(trial.slot.unit) (trial \(trial.slot.trial), seed \(trial.slot.seed)) from "
                    + "\(trial.claimedHost ?? "?") pid \(trial.claimedPID.map(String.init) ?? "?"): no heartbeat; its run is marked crashed")
        })
    }
}

/// Seconds for a message: "60 s", "2.5 s".
private enum NumberText {
    static func seconds(_ value: Double) -> String {
        (value == value.rounded() ? String(Int(value)) : String(value)) + " s"
    }
}
