import Foundation
import Training
import Plots

/// The few lines `tracker train` ends with: how the run ended, its metrics
/// with the weights it kept, the generalization gap, the weights' size and
/// sparsity, the time taken, and the command to run next.
struct TrainingSummary {
    var run: String
    var dataset: String
    var group: String?
    var databasePath: String
    var result: TrainingResult
    /// The epoch whose weights the final metrics were measured with.
    var keptEpoch: Int
    var configuration: TrainingConfiguration

    var text: String {
        let metrics = result.finalMetrics
        var lines = ["Finished \(run): \(stopText). \(weightsText)"]
        let hasAccuracy = metrics[MetricKey.trainAcc] != nil
        // Regression: RMSE in the target's own units and R2 beside the MSE.
        let hasRMSE = metrics[MetricKey.valRMSE] != nil || metrics[MetricKey.testRMSE] != nil
        var table = [["", "loss"] + (hasAccuracy ? ["acc"] : []) + (hasRMSE ? ["rmse", "r2"] : [])]
        for (split, loss, accuracy, rmse, r2) in [
            // The summary measures every split in eval mode, train on all its rows.
            ("train", MetricKey.trainLoss, MetricKey.trainAcc, "", ""),
            ("val", MetricKey.valLoss, MetricKey.valAcc, MetricKey.valRMSE, MetricKey.valR2),
            ("test", MetricKey.testLoss, MetricKey.testAcc, MetricKey.testRMSE, MetricKey.testR2),
        ] {
            guard let value = metrics[loss] else { continue }
            var row = [split, NumberFormatting.compact(value)]
            if hasAccuracy { row.append(metrics[accuracy].map(Self.percent) ?? "-") }
            if hasRMSE { row += [metrics[rmse].map(NumberFormatting.compact) ?? "-", metrics[r2].map(NumberFormatting.compact) ?? "-"] }
            table.append(row)
        }
        lines += Self.aligned(table).map { "  " + $0 }
        // The gap as the store keeps it: val_loss - train_eval_loss (the
        // logged train_loss has dropout and noise on).
        if let train = metrics[MetricKey.trainEvalLoss], let val = metrics[MetricKey.valLoss] {
            lines.append("  gap (val_loss - train_eval_loss): \(NumberFormatting.compact(val - train))")
        }
        if let norm = metrics[MetricKey.weightNorm], let sparsity = metrics[MetricKey.sparsity] {
            lines.append("  weight norm \(NumberFormatting.compact(norm)), sparsity \(Self.percent(sparsity)) "
                + "of weights below \(NumberFormatting.compact(configuration.sparsityThreshold))")
        }
        let perEpoch = result.epochsRun > 0 ? result.durationSeconds / Double(result.epochsRun) : 0
        lines.append("  \(result.epochsRun) epochs in \(ProgressReporter.duration(result.durationSeconds)) "
            + "(\(NumberFormatting.compact(perEpoch * 1000)) ms/epoch)")
        lines.append("Next: \(compareCommand)")
        return lines.joined(separator: "\n")
    }

    private var stopText: String {
        switch result.stopReason {
        case .completed: "all \(result.epochsRun) epochs ran"
        case .earlyStopped(let epoch, let best): "early stopping at epoch \(epoch) of \(configuration.epochs), best epoch \(best)"
        default: result.stopReason.description
        }
    }

    private var weightsText: String {
        if result.restoredBestWeights { return "Metrics with the best epoch's weights (epoch \(keptEpoch), restored):" }
        let best = result.bestEpoch.map { "; best \(result.monitoredMetric) at epoch \($0), not restored without --early-stop" } ?? ""
        return "Metrics with the last epoch's weights (epoch \(keptEpoch)\(best)):"
    }

    private var compareCommand: String {
        var words = ["tracker", "compare"]
        if let group { words += ["--group", TrainRequest.shellQuoted(group)] } else { words += ["--dataset", TrainRequest.shellQuoted(dataset)] }
        if databasePath != CommonOptions.defaultDatabasePath { words += ["--db", TrainRequest.shellQuoted(DatabaseName.shown(databasePath))] }
        return words.joined(separator: " ")
    }

    static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", fraction * 100)
    }

    /// Left-aligned first column, right-aligned numbers.
    static func aligned(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }
}
