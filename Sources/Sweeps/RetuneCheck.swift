import TrackerStore
import Plots

/// `tracker retune --check`: should this sweep be re-tuned? Two signals:
/// the data set has a newer version than the sweep ran on, and the best
/// setting, trained again on the current data, generalizes differently: its
/// train/val gap (val_loss minus train_loss at the best epoch, as in
/// `run_overview.gap`) grew by more than `threshold` times the sweep's best
/// val_loss. Relative to the loss so that one threshold fits MSE on house
/// prices and cross-entropy on digits alike.
public struct RetuneCheck: Sendable, Equatable {
    public var dataChange: DataChange
    /// The best setting's mean gap over its finished runs in the sweep.
    public var previousGap: Double?
    /// The gap of the check run (the best setting on the current data).
    public var currentGap: Double?
    /// The sweep's best mean val_loss, the scale of the threshold.
    public var previousValLoss: Double?
    public var threshold: Double

    public static let defaultThreshold = 0.1

    /// `checkRun` is the run the command just trained with the best setting
    /// on the current data; nil to judge the data alone.
    public init(sweep: Sweep, store: Store, checkRun: RunID?, threshold: Double = RetuneCheck.defaultThreshold) throws {
        dataChange = try DataChange.detect(for: sweep, in: store)
        self.threshold = threshold
        let best = try SweepScoreboard(sweep: sweep, store: store).best
        let previous = try best.map { try Self.gaps(of: $0.runIDs, in: store) } ?? []
        previousGap = previous.isEmpty ? nil : previous.map(\.gap).reduce(0, +) / Double(previous.count)
        previousValLoss = previous.isEmpty ? nil : previous.map(\.valLoss).reduce(0, +) / Double(previous.count)
        currentGap = try checkRun.flatMap { try Self.gaps(of: [$0], in: store).first?.gap }
    }

    /// How much the gap grew, as a fraction of the previous val_loss.
    public var relativeGapGrowth: Double? {
        guard let previousGap, let currentGap, let previousValLoss, previousValLoss > 0 else { return nil }
        return (currentGap - previousGap) / previousValLoss
    }

    public var gapDrifted: Bool { (relativeGapGrowth ?? 0) > threshold }

    public var isAdvised: Bool { dataChange.hasChanged || gapDrifted }

    /// Why, one line each: the data, then the gap.
    public var reasons: [String] {
        var lines = [dataChange.summary]
        if let previousGap, let currentGap, let growth = relativeGapGrowth {
            let verdict = gapDrifted ? "beyond" : "within"
            lines.append("Train/val gap of the best setting: \(format(previousGap)) in the sweep, \(format(currentGap)) now "
                + "(\(format(growth * 100))% of its val_loss, \(verdict) the \(format(threshold * 100))% threshold).")
        }
        lines.append(isAdvised
            ? "Re-tuning is advised: the best regularization usually changes with the data (more data, less regularization)."
            : "Re-tuning is not needed yet.")
        return lines
    }

    private func format(_ value: Double) -> String { NumberFormatting.compact(value) }

    private static func gaps(of runs: [RunID], in store: Store) throws -> [(gap: Double, valLoss: Double)] {
        guard !runs.isEmpty else { return [] }
        let comparison = try store.comparison(RunFilter(runIDs: runs))
        return comparison.rows.compactMap { row in
            guard let valLoss = comparison.valueAtBest("val_loss", of: row),
                  let trainLoss = comparison.valueAtBest("train_loss", of: row) else { return nil }
            return (valLoss - trainLoss, valLoss)
        }
    }
}
