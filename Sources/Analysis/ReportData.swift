import TrackerStore
import Sweeps

/// Everything a report shows, gathered from the store with the queries of
/// `tracker compare` and `tracker history`, as plain values: how they are
/// drawn and tabulated is the caller's business.
public struct ReportData {
    /// One run's learning curves and what to mark on them.
    public struct RunCurves {
        public var name: String
        public var notes: String?
        /// Metric key to (epoch, value), for the metrics the report plots.
        public var histories: [String: [MetricHistoryPoint]]
        public var bestStep: Int?
        /// The last epoch, when early stopping ended the run.
        public var earlyStopStep: Int?
    }

    /// A part of the report that could not be gathered, with the error that
    /// stopped it, for the page to say in the caller's words.
    public enum Omission {
        case sweepPlots(any Error)
        case weightDiagnostics(any Error)
    }

    /// The per-epoch metrics the curves and weight-norm plots read.
    public static let plottedMetrics = [
        MetricKey.trainLoss, MetricKey.valLoss, MetricKey.trainAcc, MetricKey.valAcc, MetricKey.weightNorm,
    ]

    public var title: String
    /// The rows of `tracker compare` for this selection.
    public var comparison: Comparison
    /// Best first, at most `ReportGatherer.maximumCurves` of them.
    public var curves: [RunCurves]
    /// Runs left out of the plots (but not the table) to keep them readable.
    public var omittedCurves: Int
    public var sweep: SweepScoreboard?
    /// The re-tuning chain the sweep belongs to, original first; empty when it has none.
    public var lineage: [LineageStep]
    public var weights: WeightDiagnostics?
    public var sineFit: SineFit?
    /// What could not be shown and why.
    public var omissions: [Omission]

    public init(
        title: String, comparison: Comparison, curves: [RunCurves] = [], omittedCurves: Int = 0,
        sweep: SweepScoreboard? = nil, lineage: [LineageStep] = [], weights: WeightDiagnostics? = nil,
        sineFit: SineFit? = nil, omissions: [Omission] = []
    ) {
        self.title = title
        self.comparison = comparison
        self.curves = curves
        self.omittedCurves = omittedCurves
        self.sweep = sweep
        self.lineage = lineage
        self.weights = weights
        self.sineFit = sineFit
        self.omissions = omissions
    }
}

public struct MetricHistoryPoint {
    public var step: Int
    public var value: Double
}
