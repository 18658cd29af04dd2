/// Runs a `TrainingConfiguration` on a `PreparedData`:
///
///     let result = try Trainer(configuration: configuration).train(on: data, observer: run)
///
/// Deterministic: the same configuration, data and seed give the same
/// metrics and weights, bit for bit, on the same machine and build.
public struct Trainer: Sendable {
    public let configuration: TrainingConfiguration

    public init(configuration: TrainingConfiguration) {
        self.configuration = configuration
    }

    /// Trains from freshly initialized weights.
    public func train(on data: PreparedData, observer: (any TrainingObserver)? = nil) throws(TrainingError) -> TrainingResult {
        do {
            try configuration.validate(for: data)
        } catch {
            throw .invalidConfiguration(error)
        }
        let session = TrainingSession(configuration: configuration, data: data, observer: observer)
        session.initializeWeights()
        return session.run(fromEpoch: 1)
    }

    /// Continues the run saved in `checkpoint` (a last or periodic one: the
    /// end-of-run last checkpoint, or one the observer asked for mid-run with
    /// `checkpointsWanted(after:)`) from the epoch after it, with the
    /// checkpoint's own configuration; `epochs` may extend it. The continued
    /// run is exactly the run that was never interrupted: its reports, final
    /// weights, final metrics and stop reason, bit for bit.
    public static func resume(
        from checkpoint: [UInt8], on data: PreparedData, epochs: Int? = nil, observer: (any TrainingObserver)? = nil
    ) throws(TrainingError) -> TrainingResult {
        let saved: Checkpoint
        do {
            saved = try Checkpoint(bytes: checkpoint)
        } catch {
            throw .checkpoint(error)
        }
        var configuration = saved.configuration
        if let epochs { configuration.epochs = epochs }
        do {
            try configuration.validate(for: data)
        } catch {
            throw .invalidConfiguration(error)
        }
        guard let state = saved.state else { throw .checkpoint(.mismatch("it holds weights only, no trainer state to resume")) }
        let expected = Architecture(configuration: configuration, features: data.featureCount, task: data.task)
        guard expected == saved.model.architecture else {
            throw .checkpoint(.mismatch(
                "it was trained on \(saved.model.architecture.inputs) features and \(saved.model.architecture.outputs) outputs; "
                    + "'\(data.name)' gives \(expected.inputs) and \(expected.outputs)"))
        }
        let session = TrainingSession(configuration: configuration, data: data, observer: observer)
        session.restore(model: saved.model, state: state)
        return session.run(fromEpoch: saved.epoch + 1)
    }
}
