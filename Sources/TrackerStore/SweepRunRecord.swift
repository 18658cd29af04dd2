/// Where one run of a sweep stands: the unit of the plan it ran
/// (trial, seed, fold) and its status. What resuming a sweep reads.
public struct SweepRunRecord: Sendable, Equatable {
    public var runID: RunID
    public var trial: Int?
    public var seed: Int64?
    public var fold: Int?
    public var status: RunStatus

    public init(runID: RunID, trial: Int?, seed: Int64?, fold: Int?, status: RunStatus) {
        self.runID = runID
        self.trial = trial
        self.seed = seed
        self.fold = fold
        self.status = status
    }
}
