import Foundation
import TrackerStore
import Analysis

/// The columns of `tracker compare`, computed here once so that every view
/// of a comparison (the terminal table, CSV and JSON, the HTML report) shows
/// the same numbers. Built from `Store.comparison` alone: summaries
/// and values at the best epoch, never a history scan.
public enum ComparisonTable {
    /// Metrics shown at the best epoch, in this order, when any run logged them.
    public static let standardMetrics = [
        MetricKey.trainLoss, MetricKey.trainEvalLoss, MetricKey.valLoss, MetricKey.trainAcc, MetricKey.trainEvalAcc,
        MetricKey.valAcc, MetricKey.valRMSE, MetricKey.valR2,
    ]
    /// Metrics measured once after training with the kept weights: shown
    /// after the best epoch, beside `kept_epoch`, which says whose weights.
    public static let testMetrics = [MetricKey.testLoss, MetricKey.testAcc, MetricKey.testRMSE, MetricKey.testR2]
    /// Params that identify a replicate rather than a setting.
    public static let replicateKeys: Set<String> = ["seed"]

    /// Param keys whose values differ among the rows; a run without the param
    /// counts as having a value of its own. Sorted.
    public static func differingParams(_ comparison: Comparison) -> [String] {
        let rows = comparison.rows  // read by index, in place (see ComparisonColumns)
        return comparison.paramKeys.indices.filter { column in
            rows.indices.dropFirst().contains { rows[$0].params[column] != rows[0].params[column] }
        }.map { comparison.paramKeys[$0] }.sorted()
    }

    /// The metric columns at the best epoch: the standard ones any run
    /// logged, then the objective if it is another (and not a test metric).
    public static func metricColumns(_ comparison: Comparison) -> [String] {
        var metrics = standardMetrics.filter(comparison.metricNames.contains)
        if !metrics.contains(comparison.objective), !testMetrics.contains(comparison.objective),
           comparison.metricNames.contains(comparison.objective) {
            metrics.append(comparison.objective)
        }
        return metrics
    }

    /// The test metric columns any run logged (measured with the kept weights).
    public static func testColumns(_ comparison: Comparison) -> [String] {
        testMetrics.filter(comparison.metricNames.contains)
    }

    /// Row indices from best to worst objective value; runs without it last.
    /// Ties keep the older run first, as `Comparison.best` does.
    public static func order(_ comparison: Comparison) -> [Int] {
        order(ComparisonColumns(comparison))
    }

    /// The ranking of `ComparisonRanking`, reading the objective through the
    /// located columns (a name search per row would dominate 10,000 rows).
    static func order(_ columns: ComparisonColumns) -> [Int] {
        let comparison = columns.comparison
        let values = comparison.rows.indices.map(columns.objectiveValue)
        let demoted = comparison.rows.indices.map { columns.isFailedOrUnstable($0) }
        return ComparisonRanking.order(objectiveValues: values, direction: comparison.direction, demoted: demoted)
    }

    /// A metric's value at the row's best epoch. A metric logged only once
    /// (test_loss evaluated after training, on the weights that were kept)
    /// has no per-epoch value, and its one value is the answer.
    public static func value(_ metric: String, _ comparison: Comparison, _ row: Comparison.Row) -> Double? {
        let columns = ComparisonColumns.single(row, of: comparison)
        return columns.value(columns.column(metric), 0)
    }

    /// `(val_loss - train_eval_loss)` at the best epoch: how much worse the
    /// model does on data it did not train on, both measured in eval mode.
    /// Nil for runs without `train_eval_loss`: `train_loss` is measured with
    /// dropout and noise on, and subtracting it would give a wrong gap.
    public static func gap(_ comparison: Comparison, _ row: Comparison.Row) -> Double? {
        ComparisonColumns.single(row, of: comparison).gap(0)
    }

    /// The fit verdict from summaries alone (see `Diagnosis`). The largest
    /// train loss stands in for the first one, and whether train loss was
    /// still falling is unknown here, so `tracker diagnose` can say more.
    public static func fit(_ comparison: Comparison, _ row: Comparison.Row) -> Diagnosis.Verdict? {
        ComparisonColumns.single(row, of: comparison).fit(0)
    }

    /// One row per run, best first and marked: the run, its status when the
    /// runs differ in it, the params that differ, the metrics at the best
    /// epoch, the gap and the best epoch; then the test metrics and the kept
    /// epoch whose weights they were measured with; the epochs run and the fit.
    public static func runs(_ comparison: Comparison) -> DataTable {
        let lookup = ComparisonColumns(comparison)
        let params = differingParams(comparison)
        let paramColumns = params.map { comparison.paramKeys.firstIndex(of: $0) }
        let metrics = metricColumns(comparison)
        let metricColumns = metrics.map(lookup.column)
        let tests = testColumns(comparison)
        let testColumns = tests.map(lookup.column)
        let showStatus = comparison.rows.indices.contains { comparison.rows[$0].status != comparison.rows[0].status }
        var columns = ["run"] + (showStatus ? ["status"] : []) + params + metrics
        columns += ["gap", "best_epoch"] + tests + ["kept_epoch", "epochs_run", "fit"]
        var table = DataTable(columns: columns)
        let ordered = order(lookup)
        table.rows.reserveCapacity(ordered.count)
        for index in ordered {
            var cells: [Cell] = [.text(comparison.rows[index].name)]
            cells.reserveCapacity(columns.count)
            if showStatus { cells.append(.text(comparison.rows[index].status.rawValue)) }
            for column in paramColumns { cells.append(ParamCells.cell(column.flatMap { comparison.rows[index].params[$0] })) }
            for column in metricColumns { cells.append(.real(lookup.value(column, index))) }
            cells.append(.real(lookup.gap(index)))
            cells.append(comparison.rows[index].bestStep.map(Cell.int) ?? .null)
            for column in testColumns { cells.append(.real(lookup.value(column, index))) }
            cells.append(comparison.rows[index].keptStep.map(Cell.int) ?? .null)
            cells.append(lookup.epochs(index).map(Cell.int) ?? .null)
            cells.append(.text(lookup.fit(index)?.shortLabel))
            table.append(cells)
        }
        if let first = ordered.first, lookup.objectiveValue(first) != nil, !lookup.isFailedOrUnstable(first) {
            table.marker = RowMarker(row: 0)
        }
        return table
    }
}
