import Foundation
import Plots

/// Reads a run's learning curves and says whether it underfits, overfits
/// (mildly or severely) or fits well, with the numbers that decided it.
///
/// The rules are the field's rules of thumb made explicit, not a model of
/// the data; every threshold is a named, documented field of `Thresholds`
/// so that tests and users can see what a verdict rests on:
///
/// 1. **Overfitting, severe**: the final gap `(val − train) / val` is at least
///    `severeGap`, or val_loss rose at least `severeRise` (relative) from its
///    best epoch to the last one.
/// 2. **Overfitting, mild**: the final gap is at least `mildGap`, or val_loss
///    rose at least `mildRise` after its best epoch, or the weight norm grew by
///    `weightGrowth` times after the best epoch while the gap is at least
///    `smallGap` (the weights keep growing to memorise the training set).
///    A rise only counts with at least `minimumEpochsAfterBest` epochs after
///    the best one, so one noisy last epoch is not a trend.
/// 3. **Underfitting**: train and val agree (gap below `smallGap`, or val below
///    train, as strong dropout makes it) and either train loss is still above
///    `underfitTrainLossFraction` of its first value, or it is still falling by
///    more than `stillFallingFraction` over the last tenth of the epochs
///    (training stopped before the model had learned what it could).
/// 4. Otherwise **healthy**.
public struct Diagnosis: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        case underfitting
        case mildOverfitting = "overfitting (mild)"
        case severeOverfitting = "overfitting (severe)"
        case healthy

        public var isOverfitting: Bool { self == .mildOverfitting || self == .severeOverfitting }
        /// One word for tables: "underfit", "overfit", "overfit!", "ok".
        public var shortLabel: String {
            switch self {
            case .underfitting: "underfit"
            case .mildOverfitting: "overfit"
            case .severeOverfitting: "overfit!"
            case .healthy: "ok"
            }
        }
    }

    public struct Thresholds: Sendable, Equatable {
        public var mildGap = 0.2
        public var severeGap = 0.5
        public var mildRise = 0.05
        public var severeRise = 0.25
        public var minimumEpochsAfterBest = 3
        public var weightGrowth = 1.5
        public var smallGap = 0.1
        public var underfitTrainLossFraction = 0.2
        public var stillFallingFraction = 0.02

        public init() {}
        public static let standard = Thresholds()
    }

    /// The numbers the verdict is computed from. Built from full curves by
    /// `tracker diagnose`, or from summaries alone by `tracker compare` (which
    /// then cannot tell whether train loss is still falling).
    public struct Evidence: Sendable, Equatable {
        public var epochs: Int
        public var bestEpoch: Int
        public var bestValLoss: Double
        public var finalValLoss: Double
        public var trainLossAtBest: Double?
        public var finalTrainLoss: Double
        public var firstTrainLoss: Double
        /// Relative fall of train loss over the last tenth of the epochs; nil when unknown.
        public var recentTrainLossFall: Double?
        public var weightNormAtBest: Double?
        public var finalWeightNorm: Double?

        public init(
            epochs: Int, bestEpoch: Int, bestValLoss: Double, finalValLoss: Double, trainLossAtBest: Double?,
            finalTrainLoss: Double, firstTrainLoss: Double, recentTrainLossFall: Double? = nil,
            weightNormAtBest: Double? = nil, finalWeightNorm: Double? = nil
        ) {
            self.epochs = epochs
            self.bestEpoch = bestEpoch
            self.bestValLoss = bestValLoss
            self.finalValLoss = finalValLoss
            self.trainLossAtBest = trainLossAtBest
            self.finalTrainLoss = finalTrainLoss
            self.firstTrainLoss = firstTrainLoss
            self.recentTrainLossFall = recentTrainLossFall
            self.weightNormAtBest = weightNormAtBest
            self.finalWeightNorm = finalWeightNorm
        }

        /// `(val − train) / val` at the last epoch; negative when val is below train.
        public var finalGap: Double { Self.relativeGap(val: finalValLoss, train: finalTrainLoss) }
        public var gapAtBest: Double? { trainLossAtBest.map { Self.relativeGap(val: bestValLoss, train: $0) } }
        /// How much val_loss rose from its best to the last epoch, relative to the best.
        public var lateRise: Double { bestValLoss > 0 ? (finalValLoss - bestValLoss) / bestValLoss : 0 }
        public var epochsAfterBest: Int { epochs - bestEpoch }
        public var trainLossFraction: Double { firstTrainLoss > 0 ? finalTrainLoss / firstTrainLoss : 1 }
        public var weightNormGrowth: Double? {
            guard let start = weightNormAtBest, let end = finalWeightNorm, start > 0 else { return nil }
            return end / start
        }

        static func relativeGap(val: Double, train: Double) -> Double {
            val > 0 ? (val - train) / val : 0
        }

        /// From full curves (step, value), each in step order.
        public init?(train: [(step: Int, value: Double)], val: [(step: Int, value: Double)], weightNorm: [(step: Int, value: Double)] = []) {
            guard let firstTrain = train.first, let lastTrain = train.last, let lastVal = val.last,
                  let best = val.min(by: { $0.value < $1.value }) else { return nil }
            let window = max(1, train.count / 10)
            var recentFall: Double?
            if train.count > window {
                let before = train[train.count - 1 - window].value
                recentFall = before > 0 ? (before - lastTrain.value) / before : 0
            }
            self.init(
                epochs: max(lastTrain.step, lastVal.step), bestEpoch: best.step, bestValLoss: best.value,
                finalValLoss: lastVal.value, trainLossAtBest: train.first { $0.step == best.step }?.value,
                finalTrainLoss: lastTrain.value, firstTrainLoss: firstTrain.value, recentTrainLossFall: recentFall,
                weightNormAtBest: weightNorm.first { $0.step == best.step }?.value, finalWeightNorm: weightNorm.last?.value)
        }
    }

    public var verdict: Verdict
    public var evidence: Evidence
    public var thresholds: Thresholds

    /// The evidence in words and numbers, most telling first. Written on
    /// request: `tracker compare` classifies thousands of runs and prints none.
    public var findings: [String] {
        Self.findings(evidence, thresholds: thresholds, stillFalling: stillFalling(evidence, thresholds))
    }

    private func stillFalling(_ evidence: Evidence, _ thresholds: Thresholds) -> Bool {
        (evidence.recentTrainLossFall ?? 0) > thresholds.stillFallingFraction
    }

    public init(_ evidence: Evidence, thresholds: Thresholds = .standard) {
        self.evidence = evidence
        self.thresholds = thresholds
        let t = thresholds
        let gap = evidence.finalGap
        let riseCounts = evidence.epochsAfterBest >= t.minimumEpochsAfterBest
        let rise = riseCounts ? evidence.lateRise : 0
        let growth = evidence.weightNormGrowth ?? 1
        let stillFalling = (evidence.recentTrainLossFall ?? 0) > t.stillFallingFraction

        if gap >= t.severeGap || rise >= t.severeRise {
            verdict = .severeOverfitting
        } else if gap >= t.mildGap || rise >= t.mildRise || (growth >= t.weightGrowth && gap >= t.smallGap) {
            verdict = .mildOverfitting
        } else if gap < t.smallGap && (evidence.trainLossFraction > t.underfitTrainLossFraction || stillFalling) {
            verdict = .underfitting
        } else {
            verdict = .healthy
        }
    }

    private static func findings(_ e: Evidence, thresholds t: Thresholds, stillFalling: Bool) -> [String] {
        func n(_ value: Double) -> String { NumberFormatting.compact(value) }
        func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
        var lines: [String] = []
        lines.append(
            "final gap: val_loss \(n(e.finalValLoss)) vs train_loss \(n(e.finalTrainLoss)) = \(percent(e.finalGap)) of val_loss"
                + " (mild from \(percent(t.mildGap)), severe from \(percent(t.severeGap)))")
        if let gapAtBest = e.gapAtBest {
            lines.append("gap at the best epoch \(e.bestEpoch): \(percent(gapAtBest)) of val_loss")
        }
        if e.epochsAfterBest > 0 {
            lines.append(
                "val_loss was lowest at epoch \(e.bestEpoch) of \(e.epochs) (\(n(e.bestValLoss))) and ended at \(n(e.finalValLoss)):"
                    + " \(e.lateRise >= 0 ? "up" : "down") \(percent(abs(e.lateRise))) over the last \(e.epochsAfterBest) epochs"
                    + " (mild from \(percent(t.mildRise)), severe from \(percent(t.severeRise)))")
        } else {
            lines.append("val_loss was still at its lowest in the last epoch (\(e.epochs)): \(n(e.bestValLoss))")
        }
        lines.append(
            "train_loss fell from \(n(e.firstTrainLoss)) to \(n(e.finalTrainLoss)), \(percent(e.trainLossFraction)) of its first value"
                + " (underfitting above \(percent(t.underfitTrainLossFraction)) with a small gap)")
        if e.finalGap < 0 {
            lines.append("val_loss is below train_loss: regularization (or dropout noise in the train loss) holds the training fit back")
        }
        if let fall = e.recentTrainLossFall {
            lines.append(
                "train_loss \(stillFalling ? "was still falling" : "had levelled off"): \(percent(fall)) lower over the last"
                    + " \(max(1, e.epochs / 10)) epochs (still falling above \(percent(t.stillFallingFraction)))")
        }
        if let growth = e.weightNormGrowth, let start = e.weightNormAtBest, let end = e.finalWeightNorm {
            lines.append(
                "weight norm went from \(n(start)) at the best epoch to \(n(end)) at the end: x\(String(format: "%.2f", growth))"
                    + " (memorising from x\(String(format: "%.1f", t.weightGrowth)))")
        }
        return lines
    }
}
