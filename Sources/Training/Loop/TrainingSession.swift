/// The mutable state of one run and its epoch loop. Lives on one thread for
/// the length of a `Trainer` call.
final class TrainingSession {
    private let configuration: TrainingConfiguration
    private let data: PreparedData
    private let observer: (any TrainingObserver)?
    private let network: Network
    private var optimizer: Optimizer
    private var random: RandomSource
    private var tracker: ImprovementTracker
    private var instability: InstabilityDetector
    private let penalty: Penalty
    private let augmentation: Augmentation
    private let trainInputs: Matrix
    private let trainTargets: Matrix
    /// The rows behind `train_eval_loss`, fixed for the whole run.
    private let trainEvaluationRows: DataSplit
    /// Full-batch training of a network whose training-mode forward pass is
    /// its evaluation-mode pass (Dense and activations only, no augmentation)
    /// on all rows: the forward pass that measures `train_eval_loss` is
    /// exactly the next epoch's first forward pass, so it is run once and
    /// kept. Saves the pass's whole cost (a fifth of a noisy-sine epoch).
    private let reusesEvaluationForward: Bool
    /// That kept forward pass, with the layers' caches still its own.
    private var pendingTrainOutputs: Matrix?
    private var bestParameters: [Float] = []
    private var bestBuffers: [Float] = []

    init(configuration: TrainingConfiguration, data: PreparedData, observer: (any TrainingObserver)?) {
        self.configuration = configuration
        self.data = data
        self.observer = observer
        let architecture = Architecture(configuration: configuration, features: data.featureCount, task: data.task)
        network = Network(architecture: architecture)
        optimizer = Optimizer(configuration: configuration, parameterCount: architecture.parameterCount)
        random = RandomSource(seed: configuration.seed)
        let monitor = configuration.earlyStopping?.monitor.rawValue
            ?? (data.validation.rows > 0 ? MetricKey.valLoss : MetricKey.trainLoss)
        let mode = configuration.earlyStopping?.mode ?? .min
        tracker = ImprovementTracker(monitor: monitor, mode: mode, minDelta: configuration.earlyStopping?.minDelta ?? 0)
        instability = InstabilityDetector(task: data.task, trainTargets: data.train.targets)
        penalty = Penalty(configuration: configuration)
        augmentation = Augmentation(configuration: configuration, imageShape: data.imageShape)
        trainInputs = Matrix(rows: data.train.rows, columns: data.train.features, values: data.train.inputs)
        trainEvaluationRows = TrainingEvaluationSample.rows(of: data.train, seed: configuration.seed)
        let fullBatch = switch configuration.batchSize {
        case .full: true
        case .rows(let count): count >= data.train.rows
        }
        let modeFree = architecture.layers.allSatisfy {
            switch $0 {
            case .dense, .activation: true
            case .dropout, .batchNorm, .layerNorm, .rmsNorm: false
            }
        }
        reusesEvaluationForward = fullBatch && modeFree && !augmentation.isActive && trainEvaluationRows.rows == data.train.rows
        trainTargets = if case .classification(let classes) = data.task {
            Targets.smoothedOneHot(data.train.targets, classes: classes, smoothing: configuration.labelSmoothing)
        } else {
            Targets.column(data.train.targets)
        }
    }

    func initializeWeights() {
        network.initialize(configuration.initialization, random: &random)
    }

    func restore(model: Model, state: TrainerState) {
        network.store.values = model.parameters
        network.store.buffers = model.buffers
        optimizer = state.optimizer
        random = state.random
        tracker.bestValue = state.bestValue
        tracker.bestEpoch = state.bestEpoch
        tracker.epochsSinceImprovement = state.epochsSinceImprovement
        bestParameters = state.bestParameters
        bestBuffers = state.bestBuffers
        if let saved = state.instability { instability = saved }
    }

    func run(fromEpoch firstEpoch: Int) -> TrainingResult {
        let clock = ContinuousClock()
        let start = clock.now
        var stopReason = StopReason.completed
        var lastEpoch = firstEpoch - 1
        var diverged = false
        var unstable = false
        epochs: for epoch in firstEpoch...max(firstEpoch, configuration.epochs) where epoch <= configuration.epochs {
            switch runEpoch(epoch) {
            case .diverged(let metric):
                stopReason = .diverged(epoch: epoch, metric: metric, cause: likelyCauseOfDivergence(epoch: epoch))
                diverged = true
                break epochs
            case .finished(let metrics):
                lastEpoch = epoch
                let improved = tracker.record(metrics[tracker.monitor] ?? .nan, epoch: epoch)
                if improved {
                    bestParameters = network.store.values
                    bestBuffers = network.store.buffers
                }
                // Recorded before any checkpoint of this epoch, so a resumed run does not record it twice.
                let finding = instability.record(metrics, epoch: epoch)
                let report = EpochReport(epoch: epoch, metrics: metrics, isBest: improved)
                let decision = observer?.trainingDidFinishEpoch(report) ?? .proceed
                if let observer {
                    let wanted = observer.checkpointsWanted(after: report)
                    if wanted.contains(.best) { emitBestCheckpoint() }
                    if wanted.contains(.last) { emitCheckpoint(.last, epoch: epoch) }
                }
                if let every = configuration.checkpointEvery, epoch.isMultiple(of: every) { emitCheckpoint(.periodic, epoch: epoch) }
                if decision == .stop {
                    stopReason = .stoppedByObserver(epoch: epoch)
                    break epochs
                }
                if let finding {
                    stopReason = .unstable(
                        epoch: epoch, metric: finding.metric, detail: finding.detail(learningRate: configuration.learningRate(atEpoch: epoch)))
                    unstable = true
                    break epochs
                }
                if let earlyStopping = configuration.earlyStopping, tracker.epochsSinceImprovement >= earlyStopping.patience {
                    stopReason = .earlyStopped(epoch: epoch, bestEpoch: tracker.bestEpoch ?? epoch)
                    break epochs
                }
            }
        }
        emitBestCheckpoint()
        if !diverged && lastEpoch >= 1 { emitCheckpoint(.last, epoch: lastEpoch) }

        // An unstable run's last weights are the blown-up ones: keep the best, as after a divergence.
        let restore = (configuration.earlyStopping != nil || diverged || unstable) && tracker.bestEpoch != nil
        if restore {
            network.store.values = bestParameters
            network.store.buffers = bestBuffers
        }
        let usable = !diverged || restore
        let elapsed = clock.now - start
        return TrainingResult(
            epochsRun: lastEpoch,
            bestEpoch: tracker.bestEpoch,
            monitoredMetric: tracker.monitor,
            stopReason: stopReason,
            restoredBestWeights: restore,
            finalMetrics: usable ? finalMetrics() : [:],
            durationSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            model: usable ? Model(network) : nil)
    }

    private enum EpochOutcome {
        case finished([String: Double])
        case diverged(metric: String)
    }

    private func runEpoch(_ epoch: Int) -> EpochOutcome {
        let learningRate = configuration.learningRate(atEpoch: epoch)
        let rows = data.train.rows
        let batchRows = switch configuration.batchSize {
        case .full: rows
        case .rows(let count): min(count, rows)
        }
        var order = Array(0..<rows)
        if batchRows < rows { random.shuffle(&order) }
        let classification = data.task.isClassification
        let store = network.store
        var lossSum: Double = 0
        var correct = 0
        for batchStart in stride(from: 0, to: rows, by: batchRows) {
            let indices = order[batchStart..<min(batchStart + batchRows, rows)]
            var inputs = batchRows == rows ? trainInputs : trainInputs.gathering(rows: indices)
            var targets = batchRows == rows ? trainTargets : trainTargets.gathering(rows: indices)
            if augmentation.isActive { augmentation.apply(inputs: &inputs, targets: &targets, random: &random) }

            store.zeroGradients()
            let outputs: Matrix
            if let pending = pendingTrainOutputs {
                outputs = pending
                pendingTrainOutputs = nil
            } else {
                outputs = network.forward(inputs, training: true, random: &random)
            }
            let loss = classification
                ? SoftmaxCrossEntropy.evaluate(outputs, targets: targets)
                : MeanSquaredError.evaluate(outputs, targets: targets)
            guard loss.loss.isFinite else { return .diverged(metric: MetricKey.trainLoss) }
            lossSum += loss.loss * Double(indices.count)
            if classification {
                correct += SoftmaxCrossEntropy.correct(outputs, labels: ArraySlice(indices.map { data.train.targets[$0] }))
            }
            network.backward(loss.gradient)
            penalty.addGradient(store.values, mask: store.penalized, to: &store.gradients)
            if let maxNorm = configuration.gradientClipNorm { GradientClipping.clip(&store.gradients, maxNorm: maxNorm) }
            optimizer.update(
                &store.values, gradients: store.gradients, mask: store.penalized, learningRate: learningRate,
                proximalL1: penalty.proximalL1)
        }

        var metrics: [String: Double] = [
            MetricKey.trainLoss: lossSum / Double(rows),
            MetricKey.learningRate: learningRate,
            MetricKey.weightNorm: network.weightNorm,
            MetricKey.sparsity: network.sparsity(threshold: configuration.sparsityThreshold),
        ]
        if classification { metrics[MetricKey.trainAcc] = Double(correct) / Double(rows) }
        if data.validation.rows > 0 {
            let validation = network.evaluate(data.validation)
            metrics[MetricKey.valLoss] = validation.loss
            if let accuracy = validation.accuracy { metrics[MetricKey.valAcc] = accuracy }
            metrics[MetricKey.valRMSE] = validation.rootMeanSquaredError
            // Constant validation targets leave R^2 undefined: the key is then absent.
            metrics[MetricKey.valR2] = validation.coefficientOfDetermination
        }
        let trainEvaluation = evaluateTrainingRows()
        metrics[MetricKey.trainEvalLoss] = trainEvaluation.loss
        metrics[MetricKey.trainEvalAcc] = trainEvaluation.accuracy
        for key in [MetricKey.valLoss, MetricKey.trainEvalLoss, MetricKey.weightNorm] where metrics[key].map({ !$0.isFinite }) ?? false {
            return .diverged(metric: key)
        }
        return .finished(metrics.filter { $0.value.isFinite })
    }

    private func likelyCauseOfDivergence(epoch: Int) -> String {
        let rate = configuration.learningRate(atEpoch: epoch)
        var cause = "likely cause: learning rate \(rate) too high"
        if case .normal(let scale) = configuration.initialization, scale >= 0.5 {
            cause += " for weights initialized this large (normal:\(scale))"
        }
        cause += "; lower --lr (e.g. \(rate / 10))"
        if configuration.gradientClipNorm == nil { cause += " or clip gradients" }
        if case .normal = configuration.initialization { cause += ", or use --init he" }
        return cause
    }

    /// The best epoch's weights so far; weights only: resuming goes through the last checkpoint.
    private func emitBestCheckpoint() {
        guard let bestEpoch = tracker.bestEpoch, let observer else { return }
        let best = Checkpoint(
            kind: .best, epoch: bestEpoch, configuration: configuration,
            model: Model(architecture: network.architecture, parameters: bestParameters, buffers: bestBuffers), state: nil)
        observer.trainingDidSaveCheckpoint(CheckpointRecord(kind: .best, epoch: bestEpoch, bytes: best.encoded()))
    }

    private func emitCheckpoint(_ kind: CheckpointKind, epoch: Int) {
        guard let observer else { return }
        observer.trainingDidSaveCheckpoint(CheckpointRecord(kind: kind, epoch: epoch, bytes: checkpoint(kind, epoch: epoch).encoded()))
    }

    func checkpoint(_ kind: CheckpointKind, epoch: Int) -> Checkpoint {
        let state = TrainerState(
            optimizer: optimizer, random: random,
            bestValue: tracker.bestValue, bestEpoch: tracker.bestEpoch, epochsSinceImprovement: tracker.epochsSinceImprovement,
            bestParameters: bestParameters, bestBuffers: bestBuffers, instability: instability)
        return Checkpoint(kind: kind, epoch: epoch, configuration: configuration, model: Model(network), state: state)
    }

    private func finalMetrics() -> [String: Double] {
        var metrics: [String: Double] = [:]
        for (split, prefix) in [(data.train, "train"), (data.validation, "val"), (data.test, "test")] where split.rows > 0 {
            let evaluation = network.evaluate(split)
            metrics["\(prefix)_loss"] = evaluation.loss
            metrics["\(prefix)_acc"] = evaluation.accuracy
            if prefix != "train" {
                metrics["\(prefix)_rmse"] = evaluation.rootMeanSquaredError
                metrics["\(prefix)_r2"] = evaluation.coefficientOfDetermination
            }
        }
        // The same rows as the per-epoch curve, so the kept epoch's point matches it.
        let trainEvaluation = evaluateTrainingRows()
        metrics[MetricKey.trainEvalLoss] = trainEvaluation.loss
        metrics[MetricKey.trainEvalAcc] = trainEvaluation.accuracy
        metrics[MetricKey.weightNorm] = network.weightNorm
        metrics[MetricKey.sparsity] = network.sparsity(threshold: configuration.sparsityThreshold)
        return metrics.filter { $0.value.isFinite }
    }

    /// The training rows (or their fixed sample) in evaluation mode. Where the
    /// next epoch's first forward pass is this same pass (full batch, Dense
    /// and activation layers only), it is run once and handed on: it must be
    /// the epoch's last forward pass, so that the layers' caches are its own.
    private func evaluateTrainingRows() -> Evaluation {
        guard reusesEvaluationForward else { return network.evaluate(trainEvaluationRows) }
        let outputs = network.forward(trainInputs, training: true, random: &random)
        pendingTrainOutputs = outputs
        return network.evaluation(of: outputs, on: data.train)
    }
}
