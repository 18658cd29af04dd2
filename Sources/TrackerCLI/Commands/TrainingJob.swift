import EngineRecording
import Plots

/// One training run, from a checked request to its final status in the
/// store: the flow of `tracker train`, reusable by anything that runs
/// trainings (a sweep's trials run it on their own store connections).
///
/// `init` reads and checks the data and touches no database, so a rejected
/// job leaves nothing behind. `record` registers the data set version,
/// creates the run, trains, and ends the run; whatever goes wrong after the
/// run exists, the run ends failed with the error text, never 'running'.
struct TrainingJob {
    let request: TrainRequest
    /// The rows as loaded: the whole data set, or its `--subset`.
    let raw: RawDataset
    /// The whole data set: what is registered (its fingerprint) as the run's
    /// data set version; a subset is recorded in the run's params.
    let whole: RawDataset
    /// The splits the run trains, validates and tests on.
    let prepared: PreparedData

    struct Outcome {
        var run: Run
        var dataset: Dataset
        /// finished, failed (diverged), killed or pruned.
        var status: RunStatus
        var result: TrainingResult
        /// The epoch whose weights the final metrics were measured with.
        var keptEpoch: Int
    }

    /// Loads and checks the data the request names (usage mistakes as
    /// `UsageError`, unreadable data as `CommandFailure`).
    init(_ request: TrainRequest) throws {
        try Self.checkDatasetOptions(request.data)
        let loaded: LoadedData
        do {
            loaded = try DataCatalog.prepare(request.data)
        } catch let error as DataError {
            throw CommandFailure(error.commandLineMessage)
        }
        try self.init(request, raw: loaded.raw, whole: loaded.whole, prepared: loaded.prepared)
    }

    /// The job on splits made elsewhere, e.g. one fold of a cross-validation
    /// of `raw` (`DataCatalog.folds`).
    init(_ request: TrainRequest, raw: RawDataset, whole: RawDataset, prepared: PreparedData) throws {
        do {
            try request.configuration.validate(for: prepared)
        } catch {
            throw UsageError.invalid(error.message(flag: Hyperparameters.displayFlag))
        }
        self.request = request
        self.raw = raw
        self.whole = whole
        self.prepared = prepared
    }

    var architecture: Architecture {
        Architecture(configuration: request.configuration, features: prepared.featureCount, task: prepared.task)
    }

    /// - Parameters:
    ///   - flushInterval: seconds of training per metrics transaction; 0
    ///     commits every epoch (a sweep's pruner reads other runs' epochs
    ///     as they are committed).
    ///   - started: called once the run exists, before the first epoch.
    ///   - stopCheck: asked after each epoch whether to stop there.
    func record(
        in store: Store, placement: SweepPlacement = SweepPlacement(), progress: ProgressReporter? = nil,
        flushInterval: Double = RunHandle.defaultFlushInterval,
        started: (Run, Dataset) -> Void = { _, _ in },
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil }
    ) throws -> Outcome {
        if let name = request.name, (try? store.run(named: name)) != nil {
            throw CommandFailure("a run named '\(name)' already exists; choose another --name or leave it out")
        }
        let tracker = Tracker(borrowing: store, path: ":borrowed:")
        let run = try tracker.startRun(RunOptions(
            name: request.name, group: request.group, tags: request.tags, notes: request.notes,
            params: RunParams.params(for: request, data: prepared, model: architecture.parameterCount),
            seed: Int64(request.configuration.seed), dataset: DatasetSpec(whole, name: request.datasetName), commandLine: request.commandLine,
            placement: placement, flushInterval: flushInterval))
        let dataset = run.dataset!
        started(run.run, dataset)
        do {
            let monitor = request.configuration.earlyStopping?.monitor.rawValue
                ?? (prepared.validation.rows > 0 ? MetricKey.valLoss : MetricKey.trainLoss)
            let recorded = try RecordedTraining.train(
                request.configuration, on: prepared, into: run,
                progress: progress.map { progress in
                    { report, best in
                        progress.update(EpochProgress(
                            epoch: report.epoch, trainLoss: report.metrics[MetricKey.trainLoss] ?? .nan,
                            valLoss: report.metrics[MetricKey.valLoss], best: best, monitor: monitor))
                    }
                },
                stopCheck: stopCheck,
                failureAdvice: { _ in Self.failureAdvice(request.configuration) })
            progress?.finish()
            return Outcome(
                run: run.run, dataset: dataset, status: recorded.status, result: recorded.result,
                keptEpoch: recorded.keptEpoch)
        } catch {
            progress?.finish()
            try? run.finish(status: .failed, stopReason: .error, error: "\(error)")
            throw error
        }
    }

    /// What a diverged or unstable run's error ends with: the flag to change
    /// and a value to try (the engine's text names the learning rate, not the flag).
    static func failureAdvice(_ configuration: TrainingConfiguration) -> String {
        "rerun with a lower --lr (now \(NumberFormatting.exact(configuration.learningRate)), e.g. --lr \(NumberFormatting.exact(configuration.learningRate / 10)))"
    }

    /// Usage mistakes about the data that need no file read: an unknown
    /// built-in name, a noise level for a set that has none.
    private static func checkDatasetOptions(_ data: DataRequest) throws(UsageError) {
        let flag = Hyperparameters.displayFlag
        if !DataCatalog.isCSVPath(data.dataset) && !DataCatalog.builtInNames.contains(data.dataset) {
            throw .invalidValue(
                value: data.dataset, argument: flag("dataset"),
                expected: DataCatalog.builtInNames.joined(separator: ", ") + " or a path ending in .csv",
                suggestion: Suggestion.closest(to: data.dataset, in: DataCatalog.builtInNames))
        }
        if data.noise != nil && DataCatalog.defaultNoise(for: data.dataset) == nil {
            throw .invalid("\(flag("data_noise")) applies to the generated sets sine, moons and spirals only; leave it out for '\(data.dataset)'.")
        }
        if data.target != nil && !DataCatalog.isCSVPath(data.dataset) {
            throw .invalid("\(flag("target")) chooses a CSV column; the built-in set '\(data.dataset)' has a fixed target, leave it out.")
        }
    }
}
