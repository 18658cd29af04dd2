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
}
