import SQLite

public enum DatasetTask: String, Sendable, CaseIterable, Codable {
    case regression, classification
}

/// What is registered: a named data set and the fingerprint of its content.
public struct DatasetSpec: Sendable {
    public var name: String
    /// Hex SHA-256 of the content (`SHA256.hex(of:)`).
    public var fingerprint: String
    public var rows: Int
    public var features: Int
    public var task: DatasetTask
    public var classes: Int?
    public var target: String?
    /// A file path, or "builtin:NAME".
    public var source: String?
    /// Named by the user (`--dataset-name`) rather than after its file: then
    /// a file from another path under the name is a new version of it.
    public var explicitlyNamed = false

    public init(
        name: String, fingerprint: String, rows: Int, features: Int, task: DatasetTask,
        classes: Int? = nil, target: String? = nil, source: String? = nil
    ) {
        self.name = name
        self.fingerprint = fingerprint
        self.rows = rows
        self.features = features
        self.task = task
        self.classes = classes
        self.target = target
        self.source = source
    }
}

/// One version of a named data set: one row of `datasets`.
public struct Dataset: Sendable, Equatable {
    public var id: DatasetID
    public var name: String
    public var version: Int
    public var fingerprint: String
    public var rows: Int
    public var features: Int
    public var task: DatasetTask
    public var classes: Int?
    public var target: String?
    public var source: String?
    public var createdAt: String

    static let columns = "id, name, version, fingerprint, rows, features, task, classes, target, source, created_at"

    init(row: StoreRow) throws {
        id = try row.column(0)
        name = try row.column(1)
        version = try row.column(2)
        fingerprint = try row.column(3)
        rows = try row.column(4)
        features = try row.column(5)
        task = DatasetTask(rawValue: try row.column(6)) ?? .regression
        classes = try row.column(7)
        target = try row.column(8)
        source = try row.column(9)
        createdAt = try row.column(10)
    }
}
