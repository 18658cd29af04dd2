/// Transactions and savepoints as closures: commit when the closure returns,
/// roll back when it throws. The first error wins: a failing rollback never
/// hides the error that caused it.
extension Database {
    public enum TransactionKind: Sendable {
        /// Takes locks as statements need them. Fine for readers; a writer that
        /// starts as a reader may fail with SQLITE_BUSY when it upgrades.
        case deferred
        /// Takes the write lock at BEGIN (waiting up to the busy timeout), so
        /// a writer never fails half-way. Use it for every write transaction.
        case immediate
        /// Like immediate; in WAL mode the two are the same.
        case exclusive
    }

    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        guard !isInTransaction else {
            throw SQLiteError.misuse("a transaction is already open on this connection; use savepoint(_:) to nest")
        }
        // BEGIN and COMMIT come from the statement cache: compiling them
        // anew costs a per-epoch transaction about 2 us.
        switch kind {
        case .deferred: try cachedStatement("BEGIN DEFERRED TRANSACTION").execute()
        case .immediate: try cachedStatement("BEGIN IMMEDIATE TRANSACTION").execute()
        case .exclusive: try cachedStatement("BEGIN EXCLUSIVE TRANSACTION").execute()
        }
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIgnoringErrors("ROLLBACK TRANSACTION")
            throw error
        }
        do {
            try cachedStatement("COMMIT TRANSACTION").execute()
        } catch {
            rollbackIgnoringErrors("ROLLBACK TRANSACTION")
            throw error
        }
        return result
    }

    /// A savepoint nests inside a transaction or another savepoint; outside
    /// one, it starts a (deferred) transaction of its own. SQLite resolves a
    /// repeated name to the innermost savepoint, so one name serves every level.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT tracker_savepoint")
        let result: T
        do {
            result = try body()
        } catch {
            rollbackIgnoringErrors("ROLLBACK TO SAVEPOINT tracker_savepoint")
            rollbackIgnoringErrors("RELEASE SAVEPOINT tracker_savepoint")
            throw error
        }
        do {
            try execute("RELEASE SAVEPOINT tracker_savepoint")
        } catch {
            rollbackIgnoringErrors("ROLLBACK TO SAVEPOINT tracker_savepoint")
            rollbackIgnoringErrors("RELEASE SAVEPOINT tracker_savepoint")
            throw error
        }
        return result
    }

    private func rollbackIgnoringErrors(_ sql: String) {
        // After some errors (SQLITE_FULL, SQLITE_IOERR) SQLite has already
        // rolled back; a second rollback then fails, harmlessly.
        guard isInTransaction else { return }
        try? execute(sql)
    }
}
