import Foundation
import PostgreSQL
import SQLite

/// What a failed statement means to the store, whichever backend raised it:
/// SQLite's extended result code or PostgreSQL's SQLSTATE.
extension Error {
    var isUniqueViolation: Bool {
        (self as? SQLiteError)?.isUniqueViolation ?? (self as? PostgresError)?.isUniqueViolation ?? false
    }

    var isForeignKeyViolation: Bool {
        (self as? SQLiteError)?.isForeignKeyViolation ?? (self as? PostgresError)?.isForeignKeyViolation ?? false
    }

    var isCheckViolation: Bool {
        (self as? SQLiteError)?.isCheckViolation ?? (self as? PostgresError)?.isCheckViolation ?? false
    }

    /// Another writer holds the lock: the whole transaction may be run again.
    /// On PostgreSQL: the write turn's lock_timeout, a serialization failure or a deadlock.
    var isBusy: Bool {
        if let error = self as? SQLiteError { return error.isBusy }
        guard let error = self as? PostgresError else { return false }
        return error.sqlState == "55P03" || error.isSerializationFailure || error.isDeadlock
    }

    /// The name of the column or constraint a unique violation names: "runs.name" on SQLite, "runs_name_key" on PostgreSQL.
    var violationText: String {
        (self as? SQLiteError)?.message ?? (self as? PostgresError).map { "\($0.message) \($0.detail ?? "")" } ?? "\(self)"
    }

    /// The PostgreSQL session is gone (a server restart, a dropped network,
    /// pg_terminate_backend), and the statement was not COMMIT: so nothing of
    /// the transaction was committed, and it may be run again on a new session.
    /// (A session lost during COMMIT may or may not have committed: no retry.)
    var isLostSessionBeforeCommit: Bool {
        guard let error = self as? PostgresError, error.isConnectionFailure else { return false }
        return error.sql?.trimmingCharacters(in: .whitespaces).uppercased() != "COMMIT"
    }
}
