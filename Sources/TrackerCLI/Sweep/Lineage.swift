import TrackerStore

/// One sweep in a re-tuning chain: the data it ran on and what won.
public struct LineageStep: Sendable, Equatable {
    public var sweep: Sweep
    public var dataset: Dataset?
    public var best: SettingScore?
    /// The command reproducing `best`, when there is one.
    public var bestCommand: String?
}

/// The chain of sweeps over data versions (original first), for `tracker
/// lineage S` and the report: does the best regularization shrink as the
/// data grows?
public enum Lineage {
    public static func steps(endingAt sweepID: SweepID, in store: Store) throws -> [LineageStep] {
        try store.sweepLineage(of: sweepID).map { sweep in
            let board = try SweepScoreboard(sweep: sweep, store: store)
            let best = board.best
            return LineageStep(
                sweep: sweep, dataset: try sweep.datasetID.map(store.dataset(id:)), best: best,
                bestCommand: best.map(board.reproducingCommand(for:)))
        }
    }

    /// sweep, dataset, version, rows, one column per swept option of any
    /// step (its best value), the objective's mean and sample standard deviation (_sd, as compare --by names it), runs finished.
    public static func table(_ steps: [LineageStep]) -> DataTable {
        let options = Set(steps.flatMap { $0.best?.setting.values.keys.map { $0 } ?? [] }).sorted()
        let objective = steps.last?.sweep.objective ?? "objective"
        var table = DataTable(columns: ["sweep", "dataset", "version", "rows"] + options
            + ["\(objective)_mean", "\(objective)_sd", "finished", "status"])
        for step in steps {
            var row: [Cell] = [.text(step.sweep.name), .text(step.dataset?.name), step.dataset.map { .int($0.version) } ?? .null,
                               step.dataset.map { .int($0.rows) } ?? .null]
            row += options.map { cell(step.best?.setting[$0]) }
            row += [.real(step.best?.mean), .real(step.best?.standardDeviation), step.best.map { .int($0.finished) } ?? .null,
                    .text(step.sweep.status.rawValue)]
            table.append(row)
        }
        return table
    }

    static func cell(_ value: SweepValue?) -> Cell {
        switch value {
        case .number(let number)?: .real(number)
        case let value?: .text(value.description)
        case nil: .null
        }
    }
}
