import Foundation
import TrackerStore
import Analysis

/// The columns of `tracker compare`, computed here once so that every view
/// of a comparison (the terminal table, CSV and JSON, the HTML report) shows
/// the same numbers. Built from `Store.comparison` alone: summaries
/// and values at the best epoch, never a history scan.
public enum ComparisonTable {
    /// Metrics shown (at the best epoch), in this order, when any run logged them.
    public static let standardMetrics = [
        MetricKey.trainLoss, MetricKey.valLoss, MetricKey.testLoss, MetricKey.trainAcc, MetricKey.valAcc, MetricKey.testAcc,
    ]
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

    /// The metric columns: the standard ones any run logged, then the objective if it is another.
    public static func metricColumns(_ comparison: Comparison) -> [String] {
        var metrics = standardMetrics.filter(comparison.metricNames.contains)
        if !metrics.contains(comparison.objective), comparison.metricNames.contains(comparison.objective) {
            metrics.append(comparison.objective)
        }
        return metrics
    }

    /// Row indices from best to worst objective value; runs without it last.
    /// Ties keep the older run first, as `Comparison.best` does.
    public static func order(_ comparison: Comparison) -> [Int] {
        order(ComparisonColumns(comparison))
    }

    /// The ranking of `ComparisonRanking`, reading the objective through the
    /// located columns (a name search per row would dominate 10,000 rows).
    static func order(_ columns: ComparisonColumns) -> [Int] {
        let values = columns.comparison.rows.indices.map(columns.objectiveValue)
        return ComparisonRanking.order(objectiveValues: values, direction: columns.comparison.direction)
    }

    /// A metric's value at the row's best epoch. A metric logged only once
    /// (test_loss evaluated after training, on the weights that were kept)
    /// has no per-epoch value, and its one value is the answer.
    public static func value(_ metric: String, _ comparison: Comparison, _ row: Comparison.Row) -> Double? {
        let columns = ComparisonColumns.single(row, of: comparison)
        return columns.value(columns.column(metric), 0)
    }

    /// `(val_loss - train_loss)` at the best epoch: how much worse the model
    /// does on data it did not train on.
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
    /// epoch, the gap, the best epoch, the epochs run and the fit.
    public static func runs(_ comparison: Comparison) -> DataTable {
        let lookup = ComparisonColumns(comparison)
        let params = differingParams(comparison)
        let paramColumns = params.map { comparison.paramKeys.firstIndex(of: $0) }
        let metrics = metricColumns(comparison)
        let metricColumns = metrics.map(lookup.column)
        let showStatus = comparison.rows.indices.contains { comparison.rows[$0].status != comparison.rows[0].status }
        var columns = ["run"] + (showStatus ? ["status"] : []) + params + metrics
        columns += ["gap", "best_epoch", "epochs", "fit"]
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
            cells.append(lookup.epochs(index).map(Cell.int) ?? .null)
            cells.append(.text(lookup.fit(index)?.shortLabel))
            table.append(cells)
        }
        if let first = ordered.first, lookup.objectiveValue(first) != nil {
            table.marker = RowMarker(row: 0)
        }
        return table
    }
}
