import TrackerStore

/// One sweep in a re-tuning chain: the data it ran on and what won.
public struct LineageStep: Sendable, Equatable {
    public var sweep: Sweep
    public var dataset: Dataset?
    /// The fraction of the version's rows the sweep used (`--subset`); nil: all.
    public var subset: Double? = nil
    public var best: SettingScore?
    /// The command reproducing `best`, when there is one.
    public var bestCommand: String?

    /// The rows the sweep trained on: the version's, or the share `--subset`
    /// took of them (rounded as the subset rounds it). A subset of the whole
    /// version and the whole version itself are different sizes of data, which
    /// is what a lineage plots.
    public var rowsUsed: Int? {
        guard let dataset else { return nil }
        guard let subset, subset < 1 else { return dataset.rows }
        return max(1, Int((subset * Double(dataset.rows)).rounded()))
    }
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
                sweep: sweep, dataset: try sweep.datasetID.map(store.dataset(id:)),
                subset: SweepDefinition.subsetFraction(of: sweep), best: best,
                bestCommand: best.map(board.reproducingCommand(for:)))
        }
    }
}
