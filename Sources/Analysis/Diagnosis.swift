import Foundation
import Plots

/// Reads a run's learning curves and says whether it underfits, overfits
/// (mildly or severely) or fits well, with the numbers that decided it.
///
/// The rules are the field's rules of thumb made explicit, not a model of
/// the data; every threshold is a named, documented field of `Thresholds`
/// so that tests and users can see what a verdict rests on:
///
/// The model judged is the one the run kept: with early stopping the best
/// epoch's weights, whose gap is the gap at the best epoch, and the epochs
/// after it do not count; otherwise the last epoch's. The gap is relative,
/// `(val − train) / val`, with train measured in eval mode
/// (`train_eval_loss`) wherever the run logged it. A rise of val_loss is
/// measured on the smoothed curve and counts only above the curve's own
/// noise and with at least `minimumEpochsAfterBest` epochs after the best.
///
/// 0. **Unstable**: the loss exploded (or the run was stopped as unstable);
///    **too little evidence**: fewer than `minimumEpochs` epochs.
/// 1. **Overfitting, severe**: a gap of at least `severeGap` with val_loss
///    risen at least `mildRise` after its best, or a gap of at least
///    `mildGap` with a rise of at least `severeRise`.
/// 2. **Overfitting, mild**: a gap of at least `mildGap` that other evidence
///    agrees with (a rise of `mildRise`, weights grown `weightGrowth` times
///    after the best, or the gap itself at `severeGap`), or a rise of
///    `severeRise` with a gap of at least `smallGap`.
/// 3. **Underfitting**: a gap below `smallGap` and either train loss still
///    above `underfitTrainLossFraction` of its first value, or still falling
///    by more than `stillFallingFraction` over the last tenth of the epochs.
/// 4. Otherwise **healthy**.
public struct Diagnosis: Sendable, Equatable {
    /// A training loss this many times above its lowest value has exploded:
    /// the learning rate is too high (no regularization setting does that).
    public static let explosionFactor = 100.0

    /// One rule for an exploded loss, over a whole history or over a run's
    /// summary: it ended (`last`) not finite, or at least `explosionFactor`
    /// times above its lowest value while within a tenth of its highest. The
    /// second condition keeps a memorizing run out: its loss falls to noise
    /// around 1e-6 and may end 100 times above its lowest noise, yet far
    /// below where it started (its highest value, the first epochs').
    public static func exploded(last: Double, lowest: Double, highest: Double) -> Bool {
        !last.isFinite || (lowest > 0 && last >= explosionFactor * lowest && last >= highest / 10)
    }

    public enum Verdict: String, Sendable, Equatable, CaseIterable {
        /// The loss exploded or the engine stopped the run as unstable: the
        /// learning rate, not the regularization, is the problem.
        case unstable = "unstable: lower --lr"
        /// Too few epochs (or points) to tell a trend from noise.
        case tooLittleEvidence = "too little evidence"
        case underfitting
        case mildOverfitting = "overfitting (mild)"
        case severeOverfitting = "overfitting (severe)"
        case healthy

        public var isOverfitting: Bool { self == .mildOverfitting || self == .severeOverfitting }
        /// One word for tables: "underfit", "overfit", "overfit!", "ok".
        public var shortLabel: String {
            switch self {
            case .unstable: "unstable"
            case .tooLittleEvidence: "unclear"
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
        /// Train loss (eval mode) still above this fraction of its first
        /// value, with a small gap: the model did not learn what it could.
        /// Half, not a fifth: a fit settled at the data's noise level often
        /// ends near a third of its first loss.
        public var underfitTrainLossFraction = 0.5
        /// Fewer epochs than this: too little evidence for any trend.
        public var minimumEpochs = 5
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
        /// The run failed as diverged or unstable, or its loss exploded
        /// (see `Diagnosis.explosionFactor`); set by whoever knows.
        public var isUnstable = false
        /// The epoch whose weights the run kept; the verdict judges that
        /// model. Nil: the last epoch's (no early stopping restored a best).
        public var keptEpoch: Int? = nil
        /// The rise of val_loss from its best to the end measured on the
        /// smoothed curve, 0 when within the curve's own noise; from full
        /// curves only (summaries cannot smooth).
        public var smoothedLateRise: Double? = nil

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
        /// Whether the kept weights are the best epoch's (early stopping restored them).
        public var keptIsBest: Bool { keptEpoch.map { $0 <= bestEpoch } ?? false }
        /// The relative gap of the kept model.
        public var keptGap: Double { keptIsBest ? (gapAtBest ?? finalGap) : finalGap }
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
            isUnstable = Self.exploded(train.map(\.value)) || Self.exploded(val.map(\.value))
            smoothedLateRise = Self.smoothedRise(val.map(\.value))
        }

        /// The rise of a curve from its lowest to its last value after a
        /// centred moving average (a tenth of the curve, at least 3 points),
        /// relative to the lowest, and 0 unless the rise exceeds twice the
        /// curve's own noise (the robust sd of its values around the smoothed
        /// curve): on a small validation set one noisy stretch is no trend.
        public static func smoothedRise(_ values: [Double]) -> Double {
            guard values.count >= 3 else { return 0 }
            let half = max(1, values.count / 20)
            // Window sums from running totals: a run of 100,000 epochs has
            // windows of 10,000 points, which summed one by one took 0.9 s.
            var running = [0.0]
            running.reserveCapacity(values.count + 1)
            for value in values { running.append(running[running.count - 1] + value) }
            let smoothed = values.indices.map { index in
                let (low, high) = (max(0, index - half), min(values.count - 1, index + half))
                return (running[high + 1] - running[low]) / Double(high - low + 1)
            }
            // The noise as a robust sd (1.4826 x the median absolute residual):
            // the steep first epochs leave a few large residuals that are
            // the curve's shape, not its noise.
            let residuals = zip(values, smoothed).map { abs($0 - $1) }.sorted()
            let noise = 1.4826 * residuals[residuals.count / 2]
            guard let lowest = smoothed.min(), let last = smoothed.last, lowest > 0 else { return 0 }
            let rise = last - lowest
            return rise > 2 * noise ? rise / lowest : 0
        }

        /// A curve that exploded, by the rule `Diagnosis.exploded` applies
        /// to a run's summary too.
        public static func exploded(_ values: [Double]) -> Bool {
            guard let last = values.last else { return false }
            let finite = values.filter(\.isFinite)
            return Diagnosis.exploded(last: last, lowest: finite.min() ?? last, highest: finite.max() ?? last)
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
        let riseCounts = evidence.epochsAfterBest >= t.minimumEpochsAfterBest
        let rise = riseCounts ? (evidence.smoothedLateRise ?? evidence.lateRise) : 0
        let growth = evidence.weightNormGrowth ?? 1
        let stillFalling = (evidence.recentTrainLossFall ?? 0) > t.stillFallingFraction

        // The kept model is judged: epochs after an early-stopped best did
        // not make the model the run kept.
        let keptGap = evidence.keptGap
        let keptRise = evidence.keptIsBest ? 0 : rise
        let risen = keptRise >= t.mildRise
        if evidence.isUnstable {
            verdict = .unstable
        } else if evidence.epochs < t.minimumEpochs {
            verdict = .tooLittleEvidence
        } else if (keptGap >= t.severeGap && risen) || (keptGap >= t.mildGap && keptRise >= t.severeRise) {
            verdict = .severeOverfitting
        } else if (keptGap >= t.mildGap && (risen || keptGap >= t.severeGap || (!evidence.keptIsBest && growth >= t.weightGrowth)))
            || (keptRise >= t.severeRise && keptGap >= t.smallGap) {
            verdict = .mildOverfitting
        } else if keptGap < t.smallGap && (evidence.trainLossFraction > t.underfitTrainLossFraction || stillFalling) {
            verdict = .underfitting
        } else {
            verdict = .healthy
        }
    }

    private static func findings(_ e: Evidence, thresholds t: Thresholds, stillFalling: Bool) -> [String] {
        func n(_ value: Double) -> String { NumberFormatting.compact(value) }
        func percent(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
        var lines: [String] = []
        if e.isUnstable {
            // Gaps and trends of an exploded loss are noise: say only what happened.
            return [
                "the loss exploded or went chaotic (or the run was stopped as unstable): "
                    + "the learning rate is too high, and no regularization fixes that",
                "last losses: train \(n(e.finalTrainLoss)), val \(n(e.finalValLoss)) (first train loss \(n(e.firstTrainLoss)))",
            ]
        }
        if e.keptIsBest {
            lines.append("judged on the kept model: epoch \(e.bestEpoch)'s weights, restored; the epochs after it do not count")
        }
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
            // "-0% lower" said nothing: a change that rounds to 0% is none, a rise is a rise.
            let change = percent(abs(fall)) == percent(0) ? "unchanged" : percent(abs(fall)) + (fall < 0 ? " higher" : " lower")
            lines.append(
                "train_loss \(stillFalling ? "was still falling" : "had levelled off"): \(change) over the last"
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
