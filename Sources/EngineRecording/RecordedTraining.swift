/// The engine trained on prepared data into an open run, and the run ended
/// with the status the training earned: finished (completed or early
/// stopping), failed (diverged or unstable), killed (interrupted) or pruned. The test
/// metrics are logged at the kept epoch, whose weights they were measured with.
public struct RecordedTraining: Sendable {
    public var status: RunStatus
    public var result: TrainingResult
    /// The epoch whose weights the final metrics were measured with.
    public var keptEpoch: Int

    /// Trains and ends `run`; a run that failed (diverged or unstable) keeps
    /// the reason and `failureAdvice`'s words as its error. A recording error is thrown after training
    /// returns; the run is then still open, and the caller ends it failed
    /// (as `withRun` does).
    public static func train(
        _ configuration: TrainingConfiguration, on data: PreparedData, into run: RunHandle,
        progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)? = nil,
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil },
        failureAdvice: (StopReason) -> String? = { _ in nil }
    ) throws -> RecordedTraining {
        try record(configuration, on: data, into: run, progress: progress, stopCheck: stopCheck, failureAdvice: failureAdvice) { recorder in
            try Trainer(configuration: configuration).train(on: data, observer: recorder)
        }
    }

    /// Continues a run from the resumable `last` checkpoint `checkpoint` into
    /// `run` (reopened with `Tracker.resumeRun` at the checkpoint's epoch):
    /// the epochs after it are trained again, bit for bit as they were, and
    /// the run ends as the uninterrupted run would have.
    public static func resume(
        from checkpoint: [UInt8], on data: PreparedData, into run: RunHandle,
        progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)? = nil,
        stopCheck: @escaping (EpochReport) -> ExternalStop? = { _ in nil },
        failureAdvice: (StopReason) -> String? = { _ in nil }
    ) throws -> RecordedTraining {
        let configuration = try Checkpoint(bytes: checkpoint).configuration
        return try record(
            configuration, on: data, into: run, progress: progress, stopCheck: stopCheck, failureAdvice: failureAdvice
        ) { recorder in
            try Trainer.resume(from: checkpoint, on: data, observer: recorder)
        }
    }

    private static func record(
        _ configuration: TrainingConfiguration, on data: PreparedData, into run: RunHandle,
        progress: ((EpochReport, _ best: (epoch: Int, value: Double)?) -> Void)?,
        stopCheck: @escaping (EpochReport) -> ExternalStop?,
        failureAdvice: (StopReason) -> String?,
        training: (RunRecorder) throws -> TrainingResult
    ) throws -> RecordedTraining {
        let monitor = configuration.earlyStopping?.monitor.rawValue
            ?? (data.validation.rows > 0 ? MetricKey.valLoss : MetricKey.trainLoss)
        let recorder = RunRecorder(run: run, monitor: monitor, progress: progress, stopCheck: stopCheck)
        let result = try training(recorder)
        try run.flush()
        if let failure = recorder.failure { throw failure }

        let keptEpoch = result.restoredBestWeights ? (result.bestEpoch ?? result.epochsRun) : result.epochsRun
        if let best = result.bestEpoch { try run.markBest(step: best) }
        try run.markKept(step: keptEpoch)
        func ended(_ status: RunStatus) -> RecordedTraining {
            RecordedTraining(status: status, result: result, keptEpoch: keptEpoch)
        }
        switch (result.stopReason, recorder.externalStop) {
        case (let reason, _) where reason.isFailure:
            // The store has one stop reason for a loss that blew up or went
            // chaotic; the error text says which and names the learning rate.
            // `failureAdvice` is the caller's: only a command line knows its flags.
            let advice = failureAdvice(reason).map { "; " + $0 } ?? ""
            try run.finish(status: .failed, stopReason: .diverged, error: "run \(run.name) \(reason)\(advice)")
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
        let testKeys: Set = [MetricKey.testLoss, MetricKey.testAcc, MetricKey.testRMSE, MetricKey.testR2]
        let test = result.finalMetrics.filter { testKeys.contains($0.key) }
        if !test.isEmpty { try run.log(step: keptEpoch, test) }
        let stopReason: RunStopReason = if case .earlyStopped = result.stopReason { .earlyStopping } else { .completed }
        try run.finish(status: .finished, stopReason: stopReason)
        return ended(.finished)
    }
}
