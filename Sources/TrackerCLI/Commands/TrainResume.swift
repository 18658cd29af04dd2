import Analysis
import EngineRecording

/// `tracker train --resume RUN`: continues a killed or crashed run from its
/// last checkpoint, in the same run record.
///
/// The checkpoint carries the configuration, the optimizer and generator
/// state and the early-stopping counters; the run's params rebuild the same
/// data and split (refused if the data's content changed). The epochs after
/// the checkpoint, whose metrics may have been committed before the run
/// died, are trained again and their metrics replace the old ones, so the
/// run ends exactly as the uninterrupted run would have: the same metrics
/// and the same final weights, to the last bit.
enum TrainResume {
    static let option = OptionSpec(
        "resume", valueName: "run",
        help: "Continue a killed or crashed run (name or id) from its last checkpoint; every other option comes from the run.")

    static func run(_ arguments: ParsedArguments, context: CommandContext, stopRequested: @escaping () -> Bool) throws {
        let reference = arguments.string(option.name) ?? ""
        let allowed: Set<String> = [option.name, CommonOptions.database.name, "quiet"]
        if let extra = TrainCommand.spec.options.first(where: { !allowed.contains($0.name) && arguments.isExplicit($0.name) }) {
            throw UsageError.invalid(
                "\(extra.displayName) cannot be changed when resuming: a resumed run keeps its own options (only --db and --quiet may be given).")
        }
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let store = try StoreAccess.openExisting(path: path)
        defer { store.close() }
        let stored = try StoredRun(reference, in: store)
        guard stored.run.status == .killed || stored.run.status == .crashed else {
            throw CommandFailure(
                "run \(stored.run.name) is \(stored.run.status.rawValue); only a killed or crashed run can be resumed")
        }
        guard let last = try store.checkpoint(stored.run.id, kind: .last) else {
            throw CommandFailure(
                "run \(stored.run.name) has no last checkpoint to resume from (it stopped before one was saved); train it again")
        }
        let bytes = try store.checkpointBytes(last)
        // The bytes must be the epoch the row names, with finite weights, before any metric is dropped.
        _ = try stored.model(in: (last, bytes))
        // The configuration the run trains with: what a failure's advice names (its --lr).
        let configuration = try Checkpoint(bytes: bytes).configuration
        let data = try stored.rebuildData(in: store)

        let tracker = Tracker(borrowing: store, path: ":borrowed:")
        let handle = try tracker.resumeRun(stored.run.id, fromStep: last.step)
        context.print("Run \(handle.name) (id \(handle.id)): resuming after epoch \(last.step) from its last checkpoint")
        let quiet = arguments.isSet("quiet")
        let total = Int(stored.params["epochs"]?.number ?? 0)
        let progress = quiet ? nil : ProgressReporter(
            totalEpochs: total, style: ProgressReporter.style(for: context.terminal, totalEpochs: total),
            write: context.console.writeError)
        let recorded: RecordedTraining
        do {
            recorded = try RecordedTraining.resume(
                from: bytes, on: data.prepared, into: handle,
                progress: progress.map { progress in
                    { report, best in
                        progress.update(EpochProgress(
                            epoch: report.epoch, trainLoss: report.metrics[MetricKey.trainLoss] ?? .nan,
                            valLoss: report.metrics[MetricKey.valLoss], best: best, monitor: MetricKey.valLoss))
                    }
                },
                stopCheck: { _ in stopRequested() ? ExternalStop.interrupted : nil },
                failureAdvice: { _ in TrainingJob.failureAdvice(configuration) })
            progress?.finish()
        } catch {
            progress?.finish()
            try? handle.finish(status: .failed, stopReason: .error, error: "\(error)")
            throw error
        }
        switch recorded.status {
        case .failed:
            throw CommandFailure(
                "run \(handle.name) \(recorded.result.stopReason); the run is marked failed; " + TrainingJob.failureAdvice(configuration))
        case .killed:
            throw CommandInterrupted(
                "Interrupted after epoch \(recorded.result.epochsRun): run \(handle.name) marked killed; its last checkpoint is saved.")
        default:
            context.print("Run \(handle.name) finished after epoch \(recorded.result.epochsRun) (resumed after epoch \(last.step)).")
        }
    }
}
