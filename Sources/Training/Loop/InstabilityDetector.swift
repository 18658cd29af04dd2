import Foundation

/// Watches the loss curves for a learning rate too high to train with,
/// before any value overflows: a loss that has exploded (orders of magnitude
/// above an untrained network's, for several epochs running), that is
/// chaotic (jumping by factors of two or more from epoch to epoch, with no
/// downward trend, at the untrained level or above), or a training loss
/// stuck above the untrained level (the steps overshoot every minimum:
/// digits at lr 100 sits at 20 times it, at lr 10 at 1.35 times).
///
/// Calibration (InstabilityTests): the healthy runs of the README's tour and
/// large learning rates that still converge stay silent; lr 100 and an
/// oscillating SGD run are caught.
/// - The reference is the untrained level, not the first epoch's: a rate of
///   100 has already blown the loss up by the end of epoch 1. It is ln(classes)
///   for classification (uniform probabilities) and mean(y^2) of the training
///   targets for regression (the network's near-zero first outputs).
/// - `explosionFactor` 1000: overfitting raises a validation loss by a factor
///   of a few to tens over its minimum, never a thousand over the untrained
///   level; a blown-up run sits at 1e6 and beyond. Three epochs running, so a
///   single spike that recovers is not a verdict.
/// - Chaos: over the last 20 epochs the median |ln(L_t / L_{t-1})| exceeds
///   ln 2 while the later half's median is not below the earlier half's and
///   the window's median is at least half the untrained level. Healthy noisy
///   runs move 5-30% per epoch; the level condition spares a converged run
///   whose tiny loss jumps by large factors (1e-5 to 1e-3) without harm.
/// - Stuck: over the last 20 epochs the training loss's median is at least
///   1.25 times the untrained level and its later half's median is not
///   below the earlier half's. Any network can do as well as untrained by
///   predicting the prior; regularization pulls towards it, never above it.
///   Measured in evaluation mode (`train_eval_loss`) where the epoch has it:
///   the training-mode loss carries dropout's and noise's own error, and a
///   sine net with dropout 0.2 that fits well (val_loss 0.23 against an
///   untrained 0.84) logs a training-mode loss above 1.04 for 20 epochs.
///   Training loss only: an overfitting validation loss may rise above the
///   untrained level honestly.
struct InstabilityDetector: Equatable {
    static let explosionFactor = 1e3
    static let sustainedEpochs = 3
    static let window = 20
    static let chaoticSwing = log(2.0)
    static let chaoticLevel = 0.5
    static let stuckLevel = 1.25

    /// The loss of an untrained network, see above.
    let untrainedLoss: Double
    /// Per watched metric: its first value and epoch, the last `window`
    /// values, and how many epochs running it has been exploded.
    var curves: [String: Curve] = [:]

    struct Curve: Equatable {
        var first: Double
        var firstEpoch: Int
        var recent: [Double] = []
        var explodedEpochs = 0
    }

    /// The metrics watched, in the order they are checked.
    static let watched = [MetricKey.trainLoss, MetricKey.valLoss, MetricKey.trainEvalLoss]

    init(untrainedLoss: Double) {
        self.untrainedLoss = untrainedLoss > 0 && untrainedLoss.isFinite ? untrainedLoss : 1
    }

    init(task: LearningTask, trainTargets: [Float]) {
        switch task {
        case .classification(let classes):
            self.init(untrainedLoss: log(Double(max(2, classes))))
        case .regression:
            let squares = trainTargets.reduce(0.0) { $0 + Double($1) * Double($1) }
            self.init(untrainedLoss: squares / Double(max(1, trainTargets.count)))
        }
    }

    /// What was found, for the stop reason.
    struct Finding: Equatable {
        enum Kind: Equatable { case exploded, chaotic, stuck }
        let kind: Kind
        let metric: String
        let epoch: Int
        let value: Double
        let first: Double
        let firstEpoch: Int
        let untrainedLoss: Double
    }

    /// Records one epoch's finite metrics; returns a finding once the curve is unstable.
    mutating func record(_ metrics: [String: Double], epoch: Int) -> Finding? {
        var finding: Finding?
        // The training loss the stuck rule reads: evaluation mode where logged.
        let stuckMetric = metrics[MetricKey.trainEvalLoss] != nil ? MetricKey.trainEvalLoss : MetricKey.trainLoss
        for key in Self.watched {
            guard let value = metrics[key] else { continue }
            var curve = curves[key] ?? Curve(first: value, firstEpoch: epoch)
            curve.recent.append(value)
            if curve.recent.count > Self.window { curve.recent.removeFirst() }
            curve.explodedEpochs = value > Self.explosionFactor * untrainedLoss ? curve.explodedEpochs + 1 : 0
            curves[key] = curve
            guard finding == nil else { continue }
            func found(_ kind: Finding.Kind) -> Finding {
                Finding(
                    kind: kind, metric: key, epoch: epoch, value: value, first: curve.first, firstEpoch: curve.firstEpoch,
                    untrainedLoss: untrainedLoss)
            }
            if curve.explodedEpochs >= Self.sustainedEpochs {
                finding = found(.exploded)
            } else if isChaotic(curve.recent) {
                finding = found(.chaotic)
            } else if key == stuckMetric && isStuck(curve.recent) {
                finding = found(.stuck)
            }
        }
        return finding
    }

    private func isChaotic(_ values: [Double]) -> Bool {
        guard values.count == Self.window, values.allSatisfy({ $0 > 0 }) else { return false }
        let logs = values.map { log($0) }
        let swings = zip(logs.dropFirst(), logs).map { abs($0 - $1) }
        return Self.median(swings) > Self.chaoticSwing && !Self.comesDown(values)
            && Self.median(values) >= Self.chaoticLevel * untrainedLoss
    }

    private func isStuck(_ values: [Double]) -> Bool {
        values.count == Self.window && Self.median(values) >= Self.stuckLevel * untrainedLoss && !Self.comesDown(values)
    }

    /// The later half's median is below the earlier half's: robust to single spikes.
    private static func comesDown(_ values: [Double]) -> Bool {
        let half = values.count / 2
        return median(Array(values.suffix(half))) < median(Array(values.prefix(half)))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}

extension InstabilityDetector.Finding {
    /// One line naming the learning rate; flag names are the CLI's business.
    func detail(learningRate: Double) -> String {
        let what = switch kind {
        case .exploded:
            "\(metric) exploded to \(Self.format(value)) by epoch \(epoch) (epoch \(firstEpoch): \(Self.format(first))), "
                + "over \(Int(InstabilityDetector.explosionFactor)) times an untrained network's \(Self.format(untrainedLoss)) "
                + "for \(InstabilityDetector.sustainedEpochs) epochs running"
        case .chaotic:
            "\(metric) swung by more than a factor of 2 per epoch over the last \(InstabilityDetector.window) epochs "
                + "without coming down (now \(Self.format(value)), untrained level \(Self.format(untrainedLoss)))"
        case .stuck:
            "\(metric) stayed above an untrained network's \(Self.format(untrainedLoss)) for \(InstabilityDetector.window) "
                + "epochs without coming down (now \(Self.format(value)))"
        }
        return "\(what): lower the learning rate (now \(Self.format(learningRate)), e.g. \(Self.format(learningRate / 10)))"
    }

    static func format(_ value: Double) -> String {
        abs(value) >= 1e4 || (abs(value) < 1e-3 && value != 0) ? String(format: "%.2g", value) : String(format: "%.4g", value)
    }
}
