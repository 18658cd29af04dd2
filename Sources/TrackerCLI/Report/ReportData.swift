import TrackerStore
import Analysis
import Sweeps

/// Everything a report shows, gathered from the store with the queries of
/// `tracker compare` and `tracker history`, before any markup is written.
struct ReportData {
    /// One run's learning curves and what to mark on them.
    struct RunCurves {
        var name: String
        var notes: String?
        /// Metric key to (epoch, value), for the metrics the report plots.
        var histories: [String: [MetricHistoryPoint]]
        var bestStep: Int?
        /// The last epoch, when early stopping ended the run.
        var earlyStopStep: Int?
    }

    /// The per-epoch metrics the curves and weight-norm plots read.
    static let plottedMetrics = [
        MetricKey.trainLoss, MetricKey.valLoss, MetricKey.trainAcc, MetricKey.valAcc, MetricKey.weightNorm,
    ]

    var title: String
    var comparison: Comparison
    /// The rows of `tracker compare` for this selection.
    var table: DataTable
    /// Best first, at most `maximumCurves` of them.
    var curves: [RunCurves]
    /// Runs left out of the plots (but not the table) to keep them readable.
    var omittedCurves: Int
    var sweep: SweepScoreboard?
    /// The re-tuning chain the sweep belongs to, original first; empty when it has none.
    var lineage: [LineageStep]
    var weights: WeightDiagnostics?
    var sineFit: SineFit?
    /// What could not be shown and why, for the page to say.
    var notices: [String]
}

struct MetricHistoryPoint {
    var step: Int
    var value: Double
}
