import Foundation
import SQLite

/// One row of `runs`.
public struct Run: Sendable, Equatable {
    public var id: RunID
    public var name: String
    public var status: RunStatus
    public var group: String?
    public var sweepID: SweepID?
    public var trial: Int?
    public var fold: Int?
    public var datasetID: DatasetID?
    public var seed: Int64?
    public var command: String?
    public var host: String?
    public var pid: Int64?
    public var createdAt: String
    public var startedAt: String?
    public var endedAt: String?
    public var heartbeatAt: String?
    /// The epoch of the best monitored value.
    public var bestStep: Int?
    /// The epoch whose weights the final model holds (and its test metrics
    /// were measured with): the best step when the weights were restored,
    /// else the last epoch. Nil while running or when nobody said.
    public var keptStep: Int?
    public var stopReason: RunStopReason?
    public var notes: String?
    public var error: String?
    /// The same run in every store it is pushed to (see `tracker push`).
    public var uuid: String?

    /// The column list `init(row:)` reads, in order; prefix with an alias as needed.
    static let columns = """
        id, name, status, group_name, sweep_id, trial, fold, dataset_id, seed, command, host, pid,
        created_at, started_at, ended_at, heartbeat_at, best_step, stop_reason, notes, error, kept_step, uuid
        """
    /// How many columns `columns` names: where a query's own columns after them start.
    static let columnCount = columns.split(separator: ",").count

    static func columns(alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }
            .joined(separator: ", ")
    }

    init(row: StoreRow) throws {
        id = try row.column(0)
        name = try row.column(1)
        status = try RunStatus(parsing: row.column(2))
        group = try row.column(3)
        sweepID = try row.column(4)
        trial = try row.column(5)
        fold = try row.column(6)
        datasetID = try row.column(7)
        seed = try row.column(8)
        command = try row.column(9)
        host = try row.column(10)
        pid = try row.column(11)
        createdAt = try row.column(12)
        startedAt = try row.column(13)
        endedAt = try row.column(14)
        heartbeatAt = try row.column(15)
        bestStep = try row.column(16)
        stopReason = try (row.column(17, as: String?.self)).flatMap(RunStopReason.init(rawValue:))
        notes = try row.column(18)
        error = try row.column(19)
        keptStep = try row.column(20)
        uuid = try row.column(21)
    }
}
