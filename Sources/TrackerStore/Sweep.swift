import SQLite

public enum SweepMethod: String, Sendable, CaseIterable, Codable {
    case grid, random
}

public enum SweepStatus: String, Sendable, CaseIterable, Codable {
    case running, finished, failed, killed
}

/// What a new sweep is. `space` and `config` are JSON text, kept as given:
/// the sweep engine (issue 6) decides their shape.
public struct SweepSpec: Sendable {
    /// A unique name; nil names it "sweep-ID".
    public var name: String?
    public var method: SweepMethod
    public var space: String
    public var config: String
    public var objective: String
    public var direction: Direction
    public var datasetID: DatasetID?
    /// The sweep this one re-tunes (on new data), for lineage.
    public var parentSweepID: SweepID?
    public var command: String?
    /// The sweep's global id; nil makes a new one (`tracker push` passes the original's).
    public var uuid: String?

    public init(
        name: String? = nil, method: SweepMethod = .grid, space: String, config: String = "{}",
        objective: String = MetricKey.valLoss, direction: Direction = .min,
        datasetID: DatasetID? = nil, parentSweepID: SweepID? = nil, command: String? = nil
    ) {
        self.name = name
        self.method = method
        self.space = space
        self.config = config
        self.objective = objective
        self.direction = direction
        self.datasetID = datasetID
        self.parentSweepID = parentSweepID
        self.command = command
    }
}

/// One row of `sweeps`.
public struct Sweep: Sendable, Equatable {
    public var id: SweepID
    public var name: String
    public var method: SweepMethod
    public var space: String
    public var config: String
    public var objective: String
    public var direction: Direction
    public var datasetID: DatasetID?
    public var parentSweepID: SweepID?
    public var status: SweepStatus
    public var command: String?
    public var createdAt: String
    public var endedAt: String?
    /// The same sweep in every store it is pushed to.
    public var uuid: String?

    static let columns = """
        id, name, method, space, config, objective, direction, dataset_id, parent_sweep_id, status, command, created_at, ended_at, uuid
        """

    init(row: StoreRow) throws {
        id = try row.column(0)
        name = try row.column(1)
        method = SweepMethod(rawValue: try row.column(2)) ?? .grid
        space = try row.column(3)
        config = try row.column(4)
        objective = try row.column(5)
        direction = Direction(rawValue: try row.column(6)) ?? .min
        datasetID = try row.column(7)
        parentSweepID = try row.column(8)
        status = SweepStatus(rawValue: try row.column(9)) ?? .running
        command = try row.column(10)
        createdAt = try row.column(11)
        endedAt = try row.column(12)
        uuid = try row.column(13)
    }
}
