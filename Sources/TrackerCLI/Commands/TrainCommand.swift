import TrackerStore
import Training

/// `tracker train`: load and check the data, register its version, create
/// the run with every param, train while logging each epoch, then record the
/// test metrics and how the run ended.
///
/// Everything that can be wrong with the command line or the data is found
/// before the database is opened: a rejected command leaves no run and no
/// data set row behind. Once the run exists, any failure marks it failed with
/// the error text; it is never left 'running'.
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
        options: TrainOptions.all,
        examples: [
            Example("tracker train --dataset digits --wd 1e-3 --dropout 0.3 --early-stop 20", "A regularized MLP on the 8x8 digits."),
            Example("tracker train --dataset sine --hidden 64,64,64 --lr 1e-2 --batch-size full --epochs 3000", "The noisy-sine regression, full batch."),
            Example("tracker train --dataset data.csv --target price --val-split 0.1 --tag baseline", "Your own CSV, predicting 'price'."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        Interrupt.install()
        defer { Interrupt.uninstall() }
        try execute(arguments, context: context, stopRequested: { Interrupt.wasRequested })
    }

    /// The command with the interruption source passed in, so that in-process
    /// tests are not stopped by another test's use of the process-wide flag.
    static func execute(_ arguments: ParsedArguments, context: CommandContext, stopRequested: @escaping () -> Bool) throws {
        let request = try TrainRequest(arguments, environment: context.environment)
        try checkDatasetOptions(request.data)
        let loaded: LoadedData
        do {
            loaded = try DataCatalog.prepare(request.data)
        } catch let error as DataError {
            throw CommandFailure(error.description)
        }
        do {
            try request.configuration.validate(for: loaded.prepared)
        } catch {
            throw UsageError.invalid(error.message)
        }

        let store = try TrackerStore(path: request.databasePath)
        defer { store.close() }
        if let name = request.name, (try? store.run(named: name)) != nil {
            throw CommandFailure("a run named '\(name)' already exists; choose another --name or leave it out")
        }
        let dataset = try store.registerDataset(datasetSpec(loaded.raw)).dataset
        let architecture = Architecture(
            configuration: request.configuration, features: loaded.prepared.featureCount, task: loaded.prepared.task)
        let run = try store.createRun(RunSpec(
            name: request.name, group: request.group, tags: request.tags, notes: request.notes,
            seed: Int64(request.configuration.seed), datasetID: dataset.id, command: request.commandLine,
            params: RunParams.params(for: request, data: loaded.prepared, model: architecture.parameterCount)))
        context.print("Run \(run.name) (id \(run.id)): \(dataset.name) v\(dataset.version), "
            + "\(loaded.prepared.train.rows)/\(loaded.prepared.validation.rows)/\(loaded.prepared.test.rows) train/val/test rows, "
            + "\(architecture.parameterCount) parameters")

        do {
            try train(request, data: loaded.prepared, run: run, dataset: dataset, store: store, context: context, stopRequested: stopRequested)
        } catch let error where !(error is CommandInterrupted) && !(error is RunAlreadyEnded) {
            try? store.finishRun(run.id, status: .failed, stopReason: .error, error: "\(error)")
            throw error
        } catch let ended as RunAlreadyEnded {
            throw ended.error
        }
    }

    private static func train(
        _ request: TrainRequest, data: PreparedData, run: Run, dataset: Dataset, store: TrackerStore,
        context: CommandContext, stopRequested: @escaping () -> Bool
    ) throws {
        let configuration = request.configuration
        let monitor = configuration.earlyStopping?.monitor.rawValue
            ?? (data.validation.rows > 0 ? Training.MetricKey.valLoss : Training.MetricKey.trainLoss)
        let progress = request.quiet ? nil : ProgressReporter(
            totalEpochs: configuration.epochs,
            style: ProgressReporter.style(for: context.terminal, totalEpochs: configuration.epochs),
            write: context.console.writeError)
        let recorder = RunRecorder(store: store, run: run.id, progress: progress, monitor: monitor, stopRequested: stopRequested)
        let result = try Trainer(configuration: configuration).train(on: data, observer: recorder)
        progress?.finish()
        if let failure = recorder.failure { throw failure }

        switch result.stopReason {
        case .diverged:
            let message = "run \(run.name) \(result.stopReason)"
            try store.finishRun(run.id, status: .failed, stopReason: .diverged, bestStep: result.bestEpoch, error: message)
            throw RunAlreadyEnded(error: CommandFailure(message + "; the run is marked failed"))
        case .stoppedByObserver(let epoch) where recorder.wasInterrupted:
            try store.finishRun(run.id, status: .killed, stopReason: .interrupted, bestStep: result.bestEpoch)
            throw CommandInterrupted("Interrupted after epoch \(epoch): run \(run.name) marked killed; its last checkpoint is saved.")
        default:
            break
        }

        let keptEpoch = result.restoredBestWeights ? (result.bestEpoch ?? result.epochsRun) : result.epochsRun
        let test = result.finalMetrics.filter { $0.key == Training.MetricKey.testLoss || $0.key == Training.MetricKey.testAcc }
        if !test.isEmpty { try store.logMetrics(run.id, step: keptEpoch, test) }
        let stopReason: StoreStopReason = if case .earlyStopped = result.stopReason { .earlyStopping } else { .completed }
        try store.finishRun(run.id, status: .finished, stopReason: stopReason, bestStep: result.bestEpoch)

        let summary = TrainingSummary(
            run: run.name, dataset: dataset.name, group: request.group, databasePath: request.databasePath,
            result: result, keptEpoch: keptEpoch, configuration: configuration)
        context.print(summary.text)
    }

    /// Usage mistakes about the data that need no file read: an unknown
    /// built-in name, a noise level for a set that has none.
    private static func checkDatasetOptions(_ data: DataRequest) throws(UsageError) {
        if !DataCatalog.isCSVPath(data.dataset) && !DataCatalog.builtInNames.contains(data.dataset) {
            throw .invalidValue(
                value: data.dataset, argument: "--dataset",
                expected: DataCatalog.builtInNames.joined(separator: ", ") + " or a path ending in .csv",
                suggestion: Suggestion.closest(to: data.dataset, in: DataCatalog.builtInNames))
        }
        if data.noise != nil && DataCatalog.defaultNoise(for: data.dataset) == nil {
            throw .invalid("--data-noise applies to the generated sets sine, moons and spirals only; leave it out for '\(data.dataset)'.")
        }
        if data.target != nil && !DataCatalog.isCSVPath(data.dataset) {
            throw .invalid("--target chooses a CSV column; the built-in set '\(data.dataset)' has a fixed target, leave it out.")
        }
    }

    static func datasetSpec(_ raw: RawDataset) -> DatasetSpec {
        let classes: Int? = if case .classification(let count) = raw.task { count } else { nil }
        return DatasetSpec(
            name: raw.name, fingerprint: SHA256.hex(of: raw.contentForFingerprint), rows: raw.rows,
            features: raw.featureCount, task: raw.task.isClassification ? .classification : .regression,
            classes: classes, target: raw.targetName, source: raw.sourcePath ?? "builtin:\(raw.name)")
    }
}

/// An error after which the run has already been given its final status.
private struct RunAlreadyEnded: Error {
    var error: any Error
}
