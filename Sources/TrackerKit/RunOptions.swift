/// What a new run records before its first step, as `tracker train` records it.
public struct RunOptions: Sendable {
    /// A unique name; nil generates one such as "brave-otter-17".
    public var name: String?
    public var group: String?
    public var tags: [String]
    public var notes: String?
    /// Every hyperparameter, typed; more can be added with `RunHandle.setParams`.
    public var params: [String: ParamValue]
    public var seed: Int64?
    /// The data the run trains on, registered as a version of its name
    /// (a new fingerprint under a known name is a new version); nil for none.
    public var dataset: DatasetSpec?
    /// The command that started the run, for reproducing it.
    public var commandLine: String?
    /// Where the run sits in a sweep; set by the sweep machinery, not by hand.
    public var placement: SweepPlacement
    /// Seconds of logging per metrics transaction (see `RunHandle`); 0
    /// commits every step (a sweep's pruner reads other trials' steps as
    /// they are committed).
    public var flushInterval: Double
    /// Where a run recorded from outside the engine comes from (`runs.source`); nil for Swift code.
    public var source: RunSource?

    public init(
        name: String? = nil, group: String? = nil, tags: [String] = [], notes: String? = nil,
        params: [String: ParamValue] = [:], seed: Int64? = nil, dataset: DatasetSpec? = nil,
        commandLine: String? = nil, placement: SweepPlacement = SweepPlacement(),
        flushInterval: Double = RunHandle.defaultFlushInterval, source: RunSource? = nil
    ) {
        self.name = name
        self.group = group
        self.tags = tags
        self.notes = notes
        self.params = params
        self.seed = seed
        self.dataset = dataset
        self.commandLine = commandLine
        self.placement = placement
        self.flushInterval = flushInterval
        self.source = source
    }
}

/// A run's place in a sweep, as the runs table records it.
public struct SweepPlacement: Sendable, Equatable {
    public var sweepID: SweepID?
    public var trial: Int?
    public var fold: Int?

    public init(sweepID: SweepID? = nil, trial: Int? = nil, fold: Int? = nil) {
        self.sweepID = sweepID
        self.trial = trial
        self.fold = fold
    }
}
