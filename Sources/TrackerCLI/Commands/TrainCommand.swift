import EngineRecording

/// `tracker train`: a `TrainingJob` on the command line, with live progress,
/// Ctrl-C, and a summary at the end.
///
/// Everything that can be wrong with the command line or the data is found
/// before the database is opened: a rejected command leaves no run and no
/// data set row behind.
public enum TrainCommand: Command {
    public static let spec = CommandSpec(
        name: "train",
        abstract: "Train a network and record the run: params, every epoch's metrics, checkpoints.",
        discussion: """
            Weight decay (--wd) is decoupled for adamw and coupled (added to the gradient) for \
            the other optimizers; --l1 and --l2 add penalties to the loss. With --early-stop the \
            best epoch's weights are restored before testing; without it the last epoch's weights \
            are tested. Ctrl-C stops after the current epoch, saves a last checkpoint, marks the \
            run killed and exits 130; a second Ctrl-C exits at once.
            """,
        options: TrainOptions.all + [TrainResume.option],
        examples: [
            Example("tracker train --dataset digits --wd 1e-3 --dropout 0.3 --early-stop 20", "A regularized MLP on the 8x8 digits."),
            Example("tracker train --dataset sine --hidden 64,64,64 --lr 1e-2 --batch-size full --epochs 3000", "The noisy-sine regression, full batch."),
            Example("tracker train --dataset data.csv --target price --val-split 0.1 --tag baseline", "Your own CSV, predicting 'price'."),
            Example("tracker train --resume brave-otter-17", "Continue a killed or crashed run from its last checkpoint."),
        ],
        waivesRequiredOptions: TrainResume.option.name)

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        Interrupt.install()
        defer { Interrupt.uninstall() }
        try execute(arguments, context: context, stopRequested: { Interrupt.wasRequested })
    }

    /// The command with the interruption source passed in, so that in-process
    /// tests are not stopped by another test's use of the process-wide flag.
    static func execute(_ arguments: ParsedArguments, context: CommandContext, stopRequested: @escaping () -> Bool) throws {
        if arguments.isExplicit(TrainResume.option.name) {
            try TrainResume.run(arguments, context: context, stopRequested: stopRequested)
            return
        }
        let request = try TrainRequest(arguments, environment: context.environment)
        let job = try TrainingJob(request)
        let store = try Store(path: request.databasePath)
        defer { store.close() }
        let configuration = request.configuration
        let progress = request.quiet ? nil : ProgressReporter(
            totalEpochs: configuration.epochs,
            style: ProgressReporter.style(for: context.terminal, totalEpochs: configuration.epochs),
            write: context.console.writeError)
        let prepared = job.prepared
        let outcome = try job.record(
            in: store, progress: progress,
            started: { run, dataset in
                context.print("Run \(run.name) (id \(run.id)): \(dataset.name) v\(dataset.version), "
                    + "\(prepared.train.rows)/\(prepared.validation.rows)/\(prepared.test.rows) train/val/test rows, "
                    + "\(job.architecture.parameterCount) parameters")
            },
            stopCheck: { _ in stopRequested() ? ExternalStop.interrupted : nil })

        let run = outcome.run
        switch outcome.status {
        case .failed:
            throw CommandFailure("run \(run.name) \(outcome.result.stopReason); the run is marked failed; "
                + TrainingJob.failureAdvice(request.configuration))
        case .killed:
            throw CommandInterrupted(
                "Interrupted after epoch \(outcome.result.epochsRun): run \(run.name) marked killed; its last checkpoint is saved.")
        default:
            let summary = TrainingSummary(
                run: run.name, dataset: outcome.dataset.name, group: request.group, databasePath: request.databasePath,
                result: outcome.result, keptEpoch: outcome.keptEpoch, configuration: configuration)
            context.print(summary.text)
        }
    }
}
