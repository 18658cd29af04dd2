import TrackerStore
import Sweeps

// A sweep's scoreboard and lineage as the tables `tracker sweep`, `tracker
// retune` and the report print: the Sweeps library computes, the CLI lays out.

extension SweepScoreboard {
    /// One row per setting in trial order: the swept options, the
    /// objective's mean and std, and runs finished / planned, pruned and
    /// unsuccessful; the best setting marked.
    public func table() -> DataTable {
        let options = definition.space.names.isEmpty
            ? Array(Set(scores.flatMap { $0.setting.values.keys })).sorted() : definition.space.names
        var table = DataTable(columns: ["trial"] + options
            + ["\(sweep.objective)_mean", "\(sweep.objective)_std", "finished", "planned", "pruned", "unsuccessful"])
        for score in scores {
            table.append([.int(score.trial)] + options.map { SweepCells.cell(score.setting[$0]) }
                + [.real(score.mean), .real(score.standardDeviation), .int(score.finished), .int(score.planned),
                   .int(score.pruned), .int(score.unsuccessful)])
        }
        if let best { table.marker = RowMarker(row: best.trial) }
        return table
    }
}

extension Lineage {
    /// sweep, dataset, version, rows, one column per swept option of any
    /// step (its best value), the objective's mean and std, runs finished.
    public static func table(_ steps: [LineageStep]) -> DataTable {
        let options = Set(steps.flatMap { $0.best?.setting.values.keys.map { $0 } ?? [] }).sorted()
        let objective = steps.last?.sweep.objective ?? "objective"
        var table = DataTable(columns: ["sweep", "dataset", "version", "rows"] + options
            + ["\(objective)_mean", "\(objective)_std", "finished", "status"])
        for step in steps {
            var row: [Cell] = [.text(step.sweep.name), .text(step.dataset?.name), step.dataset.map { .int($0.version) } ?? .null,
                               step.dataset.map { .int($0.rows) } ?? .null]
            row += options.map { SweepCells.cell(step.best?.setting[$0]) }
            row += [.real(step.best?.mean), .real(step.best?.standardDeviation), step.best.map { .int($0.finished) } ?? .null,
                    .text(step.sweep.status.rawValue)]
            table.append(row)
        }
        return table
    }
}

/// A swept value as a table cell: numbers stay numbers, so each output
/// format writes them its own way.
enum SweepCells {
    static func cell(_ value: SweepValue?) -> Cell {
        switch value {
        case .number(let number)?: .real(number)
        case let value?: .text(value.description)
        case nil: .null
        }
    }
}
