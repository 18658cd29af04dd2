import Foundation
import Sweeps
import TrackerStore

/// `tracker compare --by PARAM`: runs that share a setting (differing only
/// in, say, the seed) folded into one row with the mean and the sample
/// standard deviation of each column, and how many runs there were.
public struct ReplicateTable {
    public var table: DataTable
    /// Params, other than the grouping ones and the seed, that take several
    /// values inside one group: the rows then mix settings, not just seeds.
    public var mixedParams: [String]

    public init(_ comparison: Comparison, by keys: [String]) throws(UsageError) {
        for key in keys where !comparison.paramKeys.contains(key) {
            let known = comparison.paramKeys.sorted()
            throw .invalidValue(
                value: key, argument: "--by",
                expected: known.isEmpty ? "a param key (the selected runs have none)" : "a param key: " + known.joined(separator: ", "),
                suggestion: Suggestion.closest(to: key, in: known))
        }
        // Columns located once, not by name for every row.
        let lookup = ComparisonColumns(comparison)
        let keyColumns = keys.map { comparison.paramKeys.firstIndex(of: $0)! }
        var groups: [[ParamValue?]: [Int]] = [:]
        var groupOrder: [[ParamValue?]] = []
        for index in comparison.rows.indices {
            let key = keyColumns.map { comparison.rows[index].params[$0] }
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(index)
        }

        let metrics = ComparisonTable.metricColumns(comparison)
        var columns = keys + ["n"]
        for metric in metrics { columns += [metric, metric + "_sd"] }
        columns += ["gap", "gap_sd", "best_epoch", "epochs_run", "fit"]
        let showObjective = !metrics.contains(comparison.objective)
        if showObjective { columns += [comparison.objective, comparison.objective + "_sd"] }

        struct Group { var key: [ParamValue?]; var cells: [Cell]; var objective: Double? }
        var built: [Group] = []
        for key in groupOrder {
            let rows = groups[key]!
            var cells = key.map(ParamCells.cell) + [.int(rows.count)]
            for metric in metrics {
                let column = lookup.column(metric)
                let (mean, sd) = Self.meanAndDeviation(rows.map { lookup.value(column, $0) })
                cells += [.real(mean), .real(sd)]
            }
            let (gap, gapSD) = Self.meanAndDeviation(rows.map(lookup.gap))
            cells += [.real(gap), .real(gapSD)]
            cells.append(.real(Self.meanAndDeviation(rows.map { comparison.rows[$0].bestStep.map(Double.init) }).mean))
            cells.append(.real(Self.meanAndDeviation(rows.map { lookup.epochs($0).map(Double.init) }).mean))
            cells.append(.text(Self.mostCommon(rows.compactMap { lookup.fit($0)?.shortLabel })))
            let objective = Self.meanAndDeviation(rows.map(lookup.objectiveValue))
            if showObjective { cells += [.real(objective.mean), .real(objective.sd)] }
            built.append(Group(key: key, cells: cells, objective: objective.mean))
        }
        let sign = comparison.direction == .min ? 1.0 : -1.0
        built = built.enumerated().sorted { a, b in
            switch (a.element.objective, b.element.objective) {
            case let (x?, y?): sign * x != sign * y ? sign * x < sign * y : a.offset < b.offset
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.offset < b.offset
            }
        }.map(\.element)

        table = DataTable(columns: columns, rows: built.map(\.cells))
        if built.first?.objective != nil { table.marker = RowMarker(row: 0) }

        let others = comparison.paramKeys.filter { !keys.contains($0) && !ComparisonTable.replicateKeys.contains($0) }
        mixedParams = others.filter { key in
            let column = comparison.paramKeys.firstIndex(of: key)!
            return groups.values.contains { indices in Set(indices.map { comparison.rows[$0].params[column] }).count > 1 }
        }.sorted()
    }

    /// See `SampleSpread`: the sweep's table uses the same definition.
    static func meanAndDeviation(_ values: [Double?]) -> (mean: Double?, sd: Double?) {
        SampleSpread.meanAndDeviation(values)
    }

    /// The most frequent label; ties go to the label seen first.
    static func mostCommon(_ labels: [String]) -> String? {
        var counts: [String: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        return labels.max { counts[$0]! < counts[$1]! || (counts[$0]! == counts[$1]! && labels.firstIndex(of: $0)! > labels.firstIndex(of: $1)!) }
    }
}
