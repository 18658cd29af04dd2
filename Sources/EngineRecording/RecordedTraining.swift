/// The engine trained on prepared data into an open run, and the run ended
/// with the status the training earned: finished (completed or early
/// stopping), failed (diverged or unstable), killed (interrupted) or pruned. The test
/// metrics are logged at the kept epoch, whose weights they were measured with.
public struct RecordedTraining: Sendable {
    public var status: RunStatus
    public var result: TrainingResult
    /// The epoch whose weights the final metrics were measured with.
    public var keptEpoch: Int

    /// Trains and ends `run`. A recording error is thrown after training
    /// returns; the run is then still open, and the caller ends it failed
    /// (as `withRun` does).
    public static func train(
        _ configuration: TrainingConfiguration, on data: PreparedData, into run: RunHandle,
        progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)? = nil,
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil }
    ) throws -> RecordedTraining {
        let monitor = configuration.earlyStopping?.monitor.rawValue
            ?? (data.validation.rows > 0 ? MetricKey.valLoss : MetricKey.trainLoss)
        let recorder = RunRecorder(run: run, monitor: monitor, progress: progress, stopCheck: stopCheck)
        let result = try Trainer(configuration: configuration).train(on: data, observer: recorder)
        try run.flush()
        if let failure = recorder.failure { throw failure }

        let keptEpoch = result.restoredBestWeights ? (result.bestEpoch ?? result.epochsRun) : result.epochsRun
        // best_step has always held the engine's best epoch; `markKept` writes it.
        if let best = result.bestEpoch { try run.markKept(step: best) }
        func ended(_ status: RunStatus) -> RecordedTraining {
            RecordedTraining(status: status, result: result, keptEpoch: keptEpoch)
        }
        switch (result.stopReason, recorder.externalStop) {
        case (let reason, _) where reason.isFailure:
            // The store has one stop reason for a loss that blew up or went
            // chaotic; the error text says which and names the learning rate.
            try run.finish(status: .failed, stopReason: .diverged, error: "run \(run.name) \(reason)")
            return ended(.failed)
        case (.stoppedByObserver, .interrupted?):
            try run.finish(status: .killed, stopReason: .interrupted)
            return ended(.killed)
        case (.stoppedByObserver, .pruned?):
            try run.finish(status: .pruned, stopReason: .pruned)
            return ended(.pruned)
        default:
            break
        }
        let test = result.finalMetrics.filter { $0.key == MetricKey.testLoss || $0.key == MetricKey.testAcc }
        if !test.isEmpty { try run.log(step: keptEpoch, test) }
        let stopReason: RunStopReason = if case .earlyStopped = result.stopReason { .earlyStopping } else { .completed }
        try run.finish(status: .finished, stopReason: stopReason)
        return ended(.finished)
    }
}
