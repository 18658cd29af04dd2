import TrackerStore
import Plots

/// The field's regularization playbook, turned into concrete param changes
/// for the run at hand. The first recommendation is the one to try first.
///
/// - Overfitting with val_loss rising late: early stopping (patience a tenth
///   of the epochs, at least 5), unless the run already stops early.
/// - Overfitting in a big model (hidden layers totalling at least
///   `bigModelUnits` units): dropout 0.3, then 0.5.
/// - Overfitting in a linear or small model (or dropout already at 0.5): L2
///   weight decay, ten times stronger (1e-4 to start, 1e-3 when severe).
/// - Wanting sparse weights: L1 (elastic net when L2 is already on).
/// - Small data (fewer than `smallDataRows` rows): augmentation, mixup for
///   classification, input noise for regression.
/// - Underfitting: more epochs when train loss was still falling, then less
///   regularization (dropout halved, penalties a tenth), then a bigger model.
/// - Healthy: check the result holds with another seed.
public enum Playbook {
    public static let bigModelUnits = 64
    public static let smallDataRows = 2000

    /// What the advice depends on besides the verdict.
    public struct RunFacts: Sendable {
        public var params: [String: ParamValue]
        public var datasetRows: Int?
        public var task: DatasetTask?
        public var seed: Int64?
        public var preferSparse = false

        public init(params: [String: ParamValue], datasetRows: Int?, task: DatasetTask?, seed: Int64?, preferSparse: Bool = false) {
            self.params = params
            self.datasetRows = datasetRows
            self.task = task
            self.seed = seed
            self.preferSparse = preferSparse
        }
    }

    public static func recommendations(for diagnosis: Diagnosis, facts: RunFacts) -> [Recommendation] {
        switch diagnosis.verdict {
        case .severeOverfitting, .mildOverfitting: overfitting(diagnosis, facts)
        case .underfitting: underfitting(diagnosis, facts)
        case .healthy: healthy(facts)
        }
    }

    // MARK: Overfitting

    private static func overfitting(_ diagnosis: Diagnosis, _ facts: RunFacts) -> [Recommendation] {
        let evidence = diagnosis.evidence
        let params = facts.params
        var result: [Recommendation] = []
        if facts.preferSparse { result.append(l1(params)) }
        let rising = evidence.epochsAfterBest >= Diagnosis.Thresholds.standard.minimumEpochsAfterBest
            && evidence.lateRise >= Diagnosis.Thresholds.standard.mildRise
        if rising, (number(params["early_stop"]) ?? 0) <= 0 {
            let patience = max(5, evidence.epochs / 10)
            result.append(Recommendation(
                title: "early stopping with patience \(patience)",
                reason: "val_loss bottomed out at epoch \(evidence.bestEpoch) and rose \(percent(evidence.lateRise)) by epoch \(evidence.epochs)",
                changes: ["early_stop": .integer(Int64(patience))]))
        }
        let units = hiddenWidths(params).reduce(0, +)
        let dropout = dropoutRate(params)
        let l2 = weightDecay(params, severe: diagnosis.verdict == .severeOverfitting)
        if units >= bigModelUnits, dropout < 0.5 {
            let rate = dropout < 0.3 ? 0.3 : 0.5
            result.append(Recommendation(
                title: "dropout \(NumberFormatting.exact(rate))",
                reason: "a train/val gap of \(percent(evidence.finalGap)) in a big model (\(units) hidden units); dropout is the usual cure",
                changes: ["dropout": .real(rate)]))
            result.append(l2)
        } else {
            var l2 = l2
            l2.reason = units < bigModelUnits
                ? "a small model (\(units == 0 ? "linear" : "\(units) hidden units")) overfits: L2 weight decay is the usual cure"
                : "dropout is already \(NumberFormatting.exact(dropout)); add weight decay on top"
            result.append(l2)
        }
        if let rows = facts.datasetRows, rows < smallDataRows {
            if facts.task == .classification, (number(params["mixup"]) ?? 0) <= 0 {
                result.append(Recommendation(
                    title: "mixup 0.2", reason: "only \(rows) rows: augmentation makes more of a small data set",
                    changes: ["mixup": .real(0.2)]))
            } else if facts.task != .classification, (number(params["noise"]) ?? 0) <= 0 {
                result.append(Recommendation(
                    title: "input noise 0.1", reason: "only \(rows) rows: augmentation makes more of a small data set",
                    changes: ["noise": .real(0.1)]))
            }
        }
        if !facts.preferSparse { result.append(l1(params)) }
        return result
    }

    private static func weightDecay(_ params: [String: ParamValue], severe: Bool) -> Recommendation {
        let current = number(params["wd"]) ?? 0
        let next = current > 0 ? current * 10 : (severe ? 1e-3 : 1e-4)
        return Recommendation(
            title: "weight decay \(NumberFormatting.exact(next))",
            reason: "stronger L2 shrinks the weights that fit noise",
            changes: ["wd": .real(next)])
    }

    private static func l1(_ params: [String: ParamValue]) -> Recommendation {
        let current = number(params["l1"]) ?? 0
        let next = current > 0 ? current * 10 : 1e-4
        let hasL2 = (number(params["wd"]) ?? 0) > 0 || (number(params["l2"]) ?? 0) > 0
        return Recommendation(
            title: hasL2 ? "elastic net: L1 \(NumberFormatting.exact(next)) with the L2 already on" : "L1 \(NumberFormatting.exact(next))",
            reason: "L1 drives unneeded weights to exactly zero: a sparser, simpler model",
            changes: ["l1": .real(next)])
    }

    // MARK: Underfitting

    private static func underfitting(_ diagnosis: Diagnosis, _ facts: RunFacts) -> [Recommendation] {
        let evidence = diagnosis.evidence
        let params = facts.params
        var result: [Recommendation] = []
        let stillFalling = (evidence.recentTrainLossFall ?? 0) > Diagnosis.Thresholds.standard.stillFallingFraction
        if stillFalling {
            let epochs = Int(number(params["epochs"]) ?? Double(evidence.epochs))
            result.append(Recommendation(
                title: "train twice as long (\(epochs * 2) epochs)",
                reason: "train_loss was still falling (\(percent(evidence.recentTrainLossFall ?? 0)) over the last tenth of the run)",
                changes: ["epochs": .integer(Int64(epochs * 2))]))
        }
        let dropout = dropoutRate(params)
        if dropout > 0 {
            let next = dropout <= 0.1 ? 0 : (dropout / 2 * 100).rounded() / 100
            result.append(Recommendation(
                title: next == 0 ? "no dropout" : "dropout \(NumberFormatting.exact(next))",
                reason: "train_loss stays at \(percent(evidence.trainLossFraction)) of its start with dropout \(NumberFormatting.exact(dropout)): too much regularization",
                changes: ["dropout": next == 0 ? nil : .real(next)]))
        }
        var weaker: [String: ParamValue?] = [:]
        for key in ["wd", "l2", "l1"] {
            guard let value = number(params[key]), value > 0 else { continue }
            weaker[key] = value / 10 < 1e-6 ? nil : .real(value / 10)
        }
        if !weaker.isEmpty {
            result.append(Recommendation(
                title: "penalties a tenth as strong (" + weaker.keys.sorted().joined(separator: ", ") + ")",
                reason: "the penalty keeps the weights too small to fit the training data",
                changes: weaker))
        }
        let widths = hiddenWidths(params)
        let bigger = widths.isEmpty ? [64] : widths.map { $0 * 2 }
        result.append(Recommendation(
            title: "a bigger model (hidden " + bigger.map(String.init).joined(separator: ",") + ")",
            reason: widths.isEmpty ? "a linear model may be too simple for the data" : "more capacity to fit what train_loss still misses",
            changes: ["hidden": .text(bigger.map(String.init).joined(separator: ","))]))
        return result
    }

    private static func healthy(_ facts: RunFacts) -> [Recommendation] {
        let seed = (facts.params["seed"].flatMap(number).map { Int64($0) } ?? facts.seed ?? 0) + 1
        return [Recommendation(
            title: "the same settings with seed \(seed)",
            reason: "the fit looks right; a second seed shows whether the result holds",
            changes: ["seed": .integer(seed)])]
    }

    // MARK: Reading params

    static func number(_ value: ParamValue?) -> Double? {
        guard let value else { return nil }
        if case .text(let text) = value { return Double(text) }
        return value.number
    }

    /// The largest rate of `--dropout`, which may be one rate or one per layer ("0.2,0.5").
    static func dropoutRate(_ params: [String: ParamValue]) -> Double {
        guard let value = params["dropout"] else { return 0 }
        if case .text(let text) = value {
            return text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.max() ?? 0
        }
        return value.number ?? 0
    }

    /// `--hidden 64,64` as [64, 64]; none for a linear model.
    static func hiddenWidths(_ params: [String: ParamValue]) -> [Int] {
        switch params["hidden"] {
        case .integer(let width)?: [Int(width)]
        case .real(let width)?: [Int(width)]
        case .text(let text)?: text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        default: []
        }
    }

    private static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}
