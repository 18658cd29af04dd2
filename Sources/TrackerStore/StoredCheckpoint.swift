import SQLite

/// Which saved weights a stored checkpoint holds. Named apart from the engine's
/// `CheckpointKind`: the store also keeps `manual` checkpoints, which the engine never makes.
/// A run keeps one `best` and one
/// `last` (each replaced when saved again); `periodic` and `manual` accumulate.
public enum StoredCheckpointKind: String, Sendable, CaseIterable, Codable {
    case best, last, periodic, manual
}

/// One row of `checkpoints`, with its blob's address and size.
public struct StoredCheckpoint: Sendable, Equatable {
    public var id: CheckpointID
    public var runID: RunID
    public var kind: StoredCheckpointKind
    public var step: Int
    /// Hex SHA-256 of the bytes: identical bytes share one blob.
    public var sha256: String
    public var size: Int
    public var createdAt: String

    static let columns = "c.id, c.run_id, c.kind, c.step, b.sha256, b.size, c.created_at"

    init(row: StoreRow) throws {
        id = try row.column(0)
        runID = try row.column(1)
        kind = StoredCheckpointKind(rawValue: try row.column(2)) ?? .manual
        step = try row.column(3)
        sha256 = try row.column(4)
        size = try row.column(5)
        createdAt = try row.column(6)
    }
}
