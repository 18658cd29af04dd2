/// Runs side by side: their params and metric summaries, the epoch whose
/// weights count, and every metric's value at that epoch. What `tracker
/// compare` prints; built from `run_summary`, never from a history scan
/// (the values at the best epoch are one primary-key lookup each).
///
/// Values are kept in arrays aligned with `paramKeys` and `metricNames`, so
/// ten thousand rows cost no dictionary per row.
public struct Comparison: Sendable {
    public struct Row: Sendable {
        public var runID: RunID
        public var name: String
        public var status: RunStatus
        public var group: String?
        public var sweepID: SweepID?
        public var trial: Int?
        public var fold: Int?
        public var datasetID: DatasetID?
        /// The epoch of the best monitored value, where the train and val
        /// metrics of `atBest` are read: the run's recorded best step, else
        /// the objective's best epoch.
        public var bestStep: Int?
        /// The epoch whose weights the final model holds; test metrics were
        /// measured with them (`runs.kept_step`). Nil when not recorded.
        public var keptStep: Int? = nil
        /// Why the run stopped (`diverged` covers the engine's unstable runs too).
        public var stopReason: RunStopReason? = nil
        /// Aligned with `Comparison.paramKeys`.
        public var params: [ParamValue?]
        /// Aligned with `Comparison.metricNames`.
        public var summaries: [MetricSummary?]
        /// Each metric's value at `bestStep`, aligned with `metricNames`.
        public var atBest: [Double?]
    }

    /// Every param key any row has, sorted.
    public var paramKeys: [String]
    /// Every metric any row has, in metric-key id order (standard keys first).
    public var metricNames: [String]
    public var objective: String
    public var direction: Direction
    /// Newest first.
    public var rows: [Row]

    public func param(_ key: String, of row: Row) -> ParamValue? {
        paramKeys.firstIndex(of: key).flatMap { row.params[$0] }
    }

    public func summary(_ metric: String, of row: Row) -> MetricSummary? {
        metricNames.firstIndex(of: metric).flatMap { row.summaries[$0] }
    }

    public func valueAtBest(_ metric: String, of row: Row) -> Double? {
        metricNames.firstIndex(of: metric).flatMap { row.atBest[$0] }
    }

    /// Epochs run: the last step of train_loss, else of any metric.
    public func epochs(of row: Row) -> Int? {
        summary(MetricKey.trainLoss, of: row)?.lastStep ?? row.summaries.compactMap { $0?.lastStep }.max()
    }

    /// The objective's best value of a row (min or max as the direction says).
    public func objectiveValue(of row: Row) -> Double? {
        summary(objective, of: row).map { $0.best(direction).value }
    }

    /// The row with the best objective value; ties go to the older run.
    public var best: Row? {
        guard let column = metricNames.firstIndex(of: objective) else { return nil }
        var best: (row: Row, value: Double)?
        for row in rows.reversed() {
            guard let value = row.summaries[column]?.best(direction).value else { continue }
            if let current = best, !(direction == .min ? value < current.value : value > current.value) { continue }
            best = (row, value)
        }
        return best?.row
    }
}
