import TrackerStore
import Training

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
    /// The data set as loaded: what is registered (its fingerprint) as the run's data set version.
    let raw: RawDataset
    /// The splits the run trains, validates and tests on.
    let prepared: PreparedData

    /// Where a run sits in a sweep, as the runs table records it.
    struct Placement {
        var sweepID: SweepID?
        var trial: Int?
        var fold: Int?
    }

    /// Why something outside the engine stopped the run after an epoch.
    enum ExternalStop {
        /// Ctrl-C: the run ends killed.
        case interrupted
        /// A sweep's pruner: the run ends pruned.
        case pruned
    }

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
            throw CommandFailure(error.description)
        }
        try self.init(request, raw: loaded.raw, prepared: loaded.prepared)
    }

    /// The job on splits made elsewhere, e.g. one fold of a cross-validation
    /// of `raw` (`DataCatalog.folds`).
    init(_ request: TrainRequest, raw: RawDataset, prepared: PreparedData) throws {
        do {
            try request.configuration.validate(for: prepared)
        } catch {
            throw UsageError.invalid(error.message)
        }
        self.request = request
        self.raw = raw
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
        in store: Store, placement: Placement = Placement(), progress: ProgressReporter? = nil,
        flushInterval: Double = RunRecorder.defaultFlushInterval,
        started: (Run, Dataset) -> Void = { _, _ in },
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil }
    ) throws -> Outcome {
        if let name = request.name, (try? store.run(named: name)) != nil {
            throw CommandFailure("a run named '\(name)' already exists; choose another --name or leave it out")
        }
        let dataset = try store.registerDataset(Self.datasetSpec(raw)).dataset
        let run = try store.createRun(RunSpec(
            name: request.name, group: request.group, tags: request.tags, notes: request.notes,
            seed: Int64(request.configuration.seed), datasetID: dataset.id, sweepID: placement.sweepID,
            trial: placement.trial, fold: placement.fold, command: request.commandLine,
            params: RunParams.params(for: request, data: prepared, model: architecture.parameterCount)))
        started(run, dataset)
        do {
            return try train(
                run: run, dataset: dataset, store: store, progress: progress, flushInterval: flushInterval, stopCheck: stopCheck)
        } catch {
            try? store.finishRun(run.id, status: .failed, stopReason: .error, error: "\(error)")
            throw error
        }
    }

    private func train(
        run: Run, dataset: Dataset, store: Store, progress: ProgressReporter?, flushInterval: Double,
        stopCheck: @escaping (EpochReport) -> ExternalStop?
    ) throws -> Outcome {
        let configuration = request.configuration
        let monitor = configuration.earlyStopping?.monitor.rawValue
            ?? (prepared.validation.rows > 0 ? MetricKey.valLoss : MetricKey.trainLoss)
        let recorder = RunRecorder(
            store: store, run: run.id, progress: progress, monitor: monitor, flushInterval: flushInterval, stopCheck: stopCheck)
        let result = try Trainer(configuration: configuration).train(on: prepared, observer: recorder)
        recorder.flush()
        progress?.finish()
        if let failure = recorder.failure { throw failure }

        let keptEpoch = result.restoredBestWeights ? (result.bestEpoch ?? result.epochsRun) : result.epochsRun
        func outcome(_ status: RunStatus) -> Outcome {
            Outcome(run: run, dataset: dataset, status: status, result: result, keptEpoch: keptEpoch)
        }
        switch (result.stopReason, recorder.externalStop) {
        case (.diverged, _):
            try store.finishRun(
                run.id, status: .failed, stopReason: .diverged, bestStep: result.bestEpoch,
                error: "run \(run.name) \(result.stopReason)")
            return outcome(.failed)
        case (.stoppedByObserver, .interrupted?):
            try store.finishRun(run.id, status: .killed, stopReason: .interrupted, bestStep: result.bestEpoch)
            return outcome(.killed)
        case (.stoppedByObserver, .pruned?):
            try store.finishRun(run.id, status: .pruned, stopReason: .pruned, bestStep: result.bestEpoch)
            return outcome(.pruned)
        default:
            break
        }
        let test = result.finalMetrics.filter { $0.key == MetricKey.testLoss || $0.key == MetricKey.testAcc }
        if !test.isEmpty { try store.logMetrics(run.id, step: keptEpoch, test) }
        let stopReason: RunStopReason = if case .earlyStopped = result.stopReason { .earlyStopping } else { .completed }
        try store.finishRun(run.id, status: .finished, stopReason: stopReason, bestStep: result.bestEpoch)
        return outcome(.finished)
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
