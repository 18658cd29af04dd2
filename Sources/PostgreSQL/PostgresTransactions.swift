import Glibc

/// Transactions and savepoints as closures: commit when the closure returns,
/// roll back when it throws. The first error wins: a failing rollback never
/// hides the error that caused it.
extension PostgresConnection {
    public enum IsolationLevel: Sendable {
        /// PostgreSQL's default: each statement sees what was committed before it began.
        case readCommitted
        /// One snapshot for the whole transaction; a write that conflicts with
        /// a concurrent commit fails with a serialization failure (40001).
        case repeatableRead
        /// As if the transactions ran one after another; may fail with 40001.
        case serializable

        var sql: String {
            switch self {
            case .readCommitted: "READ COMMITTED"
            case .repeatableRead: "REPEATABLE READ"
            case .serializable: "SERIALIZABLE"
            }
        }
    }

    @discardableResult
    public func transaction<T>(_ isolation: IsolationLevel = .readCommitted, _ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN ISOLATION LEVEL \(isolation.sql)", body)
    }

    /// A transaction whose first statement (one without parameters, such as
    /// taking a lock every such transaction takes) is sent with BEGIN, in one
    /// round trip instead of two.
    @discardableResult
    public func transaction<T>(_ isolation: IsolationLevel, startingWith statement: String, _ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN ISOLATION LEVEL \(isolation.sql); \(statement)", body)
    }

    /// A transaction in which every write fails with SQLSTATE 25006
    /// (read_only_sql_transaction): for `tracker sql` and the UI's readers.
    @discardableResult
    public func readOnlyTransaction<T>(_ body: () throws -> T) throws -> T {
        try inTransaction(begin: "BEGIN READ ONLY", body)
    }

    /// Runs `body` in a transaction, again from the start when it fails with a
    /// serialization failure or a deadlock, up to `attempts` times in all, with
    /// a short, growing pause between attempts. `body` must be safe to repeat:
    /// everything it did in the failed attempt was rolled back.
    @discardableResult
    public func retryingTransaction<T>(
        _ isolation: IsolationLevel = .serializable,
        attempts: Int = 5,
        _ body: () throws -> T
    ) throws -> T {
        var pauseMicroseconds: UInt32 = 1_000
        for attempt in 1... {
            do {
                return try transaction(isolation, body)
            } catch let error as PostgresError where (error.isSerializationFailure || error.isDeadlock) && attempt < attempts {
                // Jitter keeps two losers of the same conflict from colliding again.
                usleep(pauseMicroseconds + UInt32.random(in: 0...pauseMicroseconds))
                pauseMicroseconds = min(pauseMicroseconds * 2, 50_000)
            }
        }
        fatalError("unreachable: the loop returns or throws on its last attempt")
    }

    /// Runs `body` holding the advisory lock `key`, which every connection to
    /// this database that asks for the same key waits for: so work that many
    /// machines may start at once (the first migration of a new database)
    /// runs on one at a time. The lock is a transaction lock
    /// (`pg_advisory_xact_lock`): it is released when the transaction ends,
    /// even if the process dies. Outside a transaction this opens one around
    /// `body`; inside one, the lock lasts until that transaction ends.
    @discardableResult
    public func withAdvisoryLock<T>(key: Int64, _ body: () throws -> T) throws -> T {
        guard isInTransaction else {
            return try transaction(.readCommitted) { try withAdvisoryLock(key: key, body) }
        }
        try execute("SELECT pg_advisory_xact_lock($1)", key)
        return try body()
    }

    /// A savepoint nests inside a transaction or another savepoint; outside
    /// one, it is a transaction of its own (PostgreSQL refuses a savepoint
    /// there). PostgreSQL resolves a repeated name to the innermost
    /// savepoint, so one name serves every level.
    @discardableResult
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        guard isInTransaction else { return try transaction(.readCommitted, body) }
        try execute("SAVEPOINT tracker_savepoint")
        let result: T
        do {
            result = try body()
            try execute("RELEASE SAVEPOINT tracker_savepoint")
        } catch {
            // ROLLBACK TO works in a failed transaction and makes it usable again.
            try? execute("ROLLBACK TO SAVEPOINT tracker_savepoint")
            try? execute("RELEASE SAVEPOINT tracker_savepoint")
            throw error
        }
        return result
    }

    private func inTransaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        guard !isInTransaction else {
            throw PostgresError.client("a transaction is already open on this connection; use savepoint(_:) to nest")
        }
        do {
            try execute(begin)
        } catch {
            // A statement sent with BEGIN failed (a lock timeout): the transaction is open and failed.
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        let result: T
        do {
            result = try body()
            // A statement failed and `body` caught its error: the server
            // would answer COMMIT with a silent ROLLBACK, losing the writes.
            guard !isTransactionFailed else {
                throw PostgresError(
                    sqlState: "25P02",
                    message: "a statement in the transaction failed and its error was caught, so nothing was committed; let the error propagate or use savepoint(_:) around the statement that may fail")
            }
            try execute("COMMIT")
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        return result
    }
}
