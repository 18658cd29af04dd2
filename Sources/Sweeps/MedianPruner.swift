import TrackerStore

/// The median stopping rule (as in Google Vizier and Optuna): stop a trial
/// whose value at epoch e is worse than the median of the finished trials'
/// values at e. Not before `warmupEpochs` epochs (curves cross early), and
/// not before `minimumFinishedTrials` trials finished with a value at e
/// (a median of one or two says little).
public struct MedianPruner: Pruner {
    public var warmupEpochs: Int
    public var minimumFinishedTrials: Int

    public init(warmupEpochs: Int = 5, minimumFinishedTrials: Int = 3) {
        self.warmupEpochs = warmupEpochs
        self.minimumFinishedTrials = minimumFinishedTrials
    }

    public func shouldPrune(epoch: Int, value: Double, direction: Direction, history: any PruningHistory) throws -> Bool {
        guard epoch > warmupEpochs else { return false }
        let finished = try history.values(atEpoch: epoch, statuses: [.finished])
        guard finished.count >= max(1, minimumFinishedTrials) else { return false }
        return direction.isWorse(value, than: Self.median(finished))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
