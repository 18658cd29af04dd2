/// What a new run is: everything `createRun` records before the first epoch.
public struct RunSpec: Sendable {
    /// A unique name; nil generates one such as "brave-otter-17".
    public var name: String?
    public var group: String?
    public var tags: [String] = []
    public var notes: String?
    public var seed: Int64?
    public var datasetID: DatasetID?
    public var sweepID: SweepID?
    public var trial: Int?
    public var fold: Int?
    /// The command line that started the run, for reproducing it.
    public var command: String?
    /// Every hyperparameter, typed; keys are `tracker train` option names without dashes.
    public var params: [String: ParamValue] = [:]
    /// The run's global id; nil makes a new one. `tracker push` passes the
    /// original's, so that the copy is recognised as that run.
    public var uuid: String?

    public init(
        name: String? = nil, group: String? = nil, tags: [String] = [], notes: String? = nil,
        seed: Int64? = nil, datasetID: DatasetID? = nil, sweepID: SweepID? = nil,
        trial: Int? = nil, fold: Int? = nil, command: String? = nil, params: [String: ParamValue] = [:]
    ) {
        self.name = name
        self.group = group
        self.tags = tags
        self.notes = notes
        self.seed = seed
        self.datasetID = datasetID
        self.sweepID = sweepID
        self.trial = trial
        self.fold = fold
        self.command = command
        self.params = params
    }
}
