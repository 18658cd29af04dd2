import Plots
import TrackerStore

/// The rows of the runs page: every run the filter picks, with the params
/// that differ among them and each run's metrics at its best epoch, sorted
/// by any column and cut into pages. Built from one `Store.comparison` (the
/// query `tracker compare` uses: summaries, never a history scan) and one run
/// listing, so 10,000 runs are two passes, not 10,000 queries.
struct RunListing {
    struct Column {
        var key: String
        var numeric: Bool
    }

    static let fixedColumns = ["run", "status", "created", "dataset", "group", "sweep"]
    static let metricColumns = [MetricKey.valLoss, MetricKey.trainLoss, MetricKey.valAcc, MetricKey.testAcc, MetricKey.testLoss]
    static let pageSize = 100

    var columns: [Column]
    /// Cells as text, aligned with `columns`, one row per run in the chosen order.
    var rows: [[String]]
    var sortValues: [[SortValue]]
    var differingParams: [String]
    var total: Int { rows.count }

    enum SortValue: Comparable {
        case missing
        case number(Double)
        case text(String)

        static func < (a: SortValue, b: SortValue) -> Bool {
            switch (a, b) {
            case let (.number(x), .number(y)): x < y
            case let (.text(x), .text(y)): x < y
            case (.number, .text): true
            case (.text, .number): false
            // Missing values go last whichever way the column is sorted (see `sorted`).
            case (.missing, _), (_, .missing): false
            }
        }
    }

    init(filter: RunFilter, store: Store) throws {
        let runs = try store.runs(filter)
        let comparison = try store.comparison(filter)
        let rowIndexByID = Dictionary(uniqueKeysWithValues: comparison.rows.enumerated().map { ($1.runID, $0) })
        let rows = comparison.rows
        differingParams = comparison.paramKeys.indices.filter { column in
            rows.indices.dropFirst().contains { rows[$0].params[column] != rows[0].params[column] }
        }.map { comparison.paramKeys[$0] }
        let paramIndices = differingParams.map { comparison.paramKeys.firstIndex(of: $0)! }
        let metrics = Self.metricColumns.filter(comparison.metricNames.contains)
        let metricIndices = metrics.map { comparison.metricNames.firstIndex(of: $0)! }
        columns = Self.fixedColumns.map { Column(key: $0, numeric: $0 == "sweep") }
            + differingParams.map { Column(key: $0, numeric: true) }
            + metrics.map { Column(key: $0, numeric: true) }
            + [Column(key: "best_epoch", numeric: true), Column(key: "epochs", numeric: true)]
        var datasets: [DatasetID: String] = [:]
        var cells: [[String]] = []
        var sorts: [[SortValue]] = []
        cells.reserveCapacity(runs.count)
        sorts.reserveCapacity(runs.count)
        for run in runs {
            let row = rowIndexByID[run.id].map { comparison.rows[$0] }
            var text: [String] = []
            var sort: [SortValue] = []
            func add(_ cell: String, _ value: SortValue) {
                text.append(cell)
                sort.append(value)
            }
            let dataset = try run.datasetID.map { id in
                if let name = datasets[id] { return name }
                let dataset = try store.dataset(id: id)
                let name = "\(dataset.name) v\(dataset.version)"
                datasets[id] = name
                return name
            }
            add(run.name, .text(run.name))
            add(run.status.rawValue, .text(run.status.rawValue))
            add(String(run.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " "), .text(run.createdAt))
            add(dataset ?? "", dataset.map(SortValue.text) ?? .missing)
            add(run.group ?? "", run.group.map(SortValue.text) ?? .missing)
            add(run.sweepID.map(String.init) ?? "", run.sweepID.map { .number(Double($0)) } ?? .missing)
            for index in paramIndices {
                let value = row?.params[index]
                add(value?.description ?? "", value.map { $0.number.map(SortValue.number) ?? .text($0.description) } ?? .missing)
            }
            for index in metricIndices {
                let value = row?.atBest[index] ?? nil
                add(HTML.number(value), value.flatMap { $0.isFinite ? SortValue.number($0) : nil } ?? .missing)
            }
            add(row?.bestStep.map(String.init) ?? "", row?.bestStep.map { .number(Double($0)) } ?? .missing)
            let epochs = row.flatMap { comparison.epochs(of: $0) }
            add(epochs.map(String.init) ?? "", epochs.map { .number(Double($0)) } ?? .missing)
            cells.append(text)
            sorts.append(sort)
        }
        self.rows = cells
        self.sortValues = sorts
    }

    /// Row order for `column` (a name from `columns`: the whitelist), missing values last.
    func order(by column: String?, descending: Bool) throws -> [Int] {
        guard let column else { return Array(rows.indices) }  // newest first, as listed
        guard let index = columns.firstIndex(where: { $0.key == column }) else {
            throw DashboardError("cannot sort by '\(column)'; sort by one of the columns: " + columns.map(\.key).joined(separator: ", "))
        }
        return rows.indices.sorted { a, b in
            let (x, y) = (sortValues[a][index], sortValues[b][index])
            if x == .missing || y == .missing { return x != .missing && y == .missing ? true : (x == y ? a < b : false) }
            if x == y { return a < b }
            return descending ? y < x : x < y
        }
    }
}
