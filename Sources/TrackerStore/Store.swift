import Foundation
import PostgreSQL
import PostgresSchema
import SQLite

/// The tracker's database: datasets, runs, params, metrics, summaries,
/// checkpoints and sweeps, in one SQLite file or in a PostgreSQL database
/// that many machines share (the same tables, see `StoreDatabase`).
///
/// Concurrency: a store owns one connection and, like it, is not `Sendable`.
/// Use one store per thread; parallel sweep workers each open their own store
/// on the same file, and WAL mode lets them write in turn while readers read.
/// On PostgreSQL writers take turns the same way (an advisory lock), and
/// readers never wait.
///
/// Opening a store creates the file if needed, applies pending migrations,
/// then marks as crashed the runs whose process is gone (see `CrashDetector`).
public final class Store {
    /// Not public: users go through the store's queries, which keep the
    /// summaries and caches right; this package's tests reach it to set up odd states.
    package let database: StoreDatabase
    /// This machine's name, recorded on runs so crashes can be told apart from
    /// runs still going on another host.
    public let host: String
    public let processID: Int32
    /// This process as recorded on the runs it starts (see `ProcessIdentity`).
    public let process: ProcessIdentity
    /// Heartbeats are written at most this often (seconds), inside the epoch
    /// transaction that is committed anyway, so they cost no extra commit.
    public var heartbeatInterval: Double = 5
    var names: RunNameGenerator
    /// Interned metric key ids by name; ids never change once assigned.
    var metricKeyIDs: [String: Int64] = [:]
    /// When each run of this store last wrote its heartbeat (monotonic seconds).
    var lastHeartbeat: [RunID: Double] = [:]
    /// The hot path's prepared statements, made on first use.
    var hot: HotStatements?
    /// The summary rows of the runs this store logs to.
    var summaryCache = SummaryCache()
    /// Runs found crashed that this store could not mark (a read-only file):
    /// they are shown crashed, and the file is left as it is.
    public internal(set) var presumedCrashed: Set<RunID> = []

    public struct Options: Sendable {
        /// A run on another host is declared crashed when its heartbeat is older than this.
        public var staleHeartbeatSeconds: Double = 600
        /// Mark dead runs crashed on open. Read-only tools may turn it off.
        public var detectCrashes = true
        public var busyTimeoutMilliseconds: Int32 = Database.defaultBusyTimeoutMilliseconds
        /// Seeds run-name generation (tests and reproducible fixtures); nil draws from the system.
        public var nameSeed: UInt64?
        public var host: String = Store.currentHost()
        /// Open without the right to write: reading commands never need it.
        /// A file this process cannot write is opened read-only anyway.
        public var readOnly = false
        /// Bring an older schema up to date on open (even for a read-only
        /// opener, when the file is writable). Viewers turn it off: they write
        /// nothing at all, so an empty or older file is refused with the fix.
        public var migrates = true
        /// Make an empty PostgreSQL schema a store (create its tables). Commands
        /// that work on runs already recorded turn it off, as they refuse a
        /// missing file: pointed at the wrong schema, they say so instead of
        /// leaving empty tables behind. A new SQLite file is decided by the caller.
        public var createsStore = true

        public init() {}

        /// The options of a viewer such as `tracker ui`, which must never make
        /// a trainer wait: read-only, no migration, no crash detection.
        public static var viewer: Options {
            var options = Options()
            options.readOnly = true
            options.migrates = false
            options.detectCrashes = false
            options.createsStore = false
            return options
        }
    }

    /// Opens (or creates) the tracker database at `path`; ":memory:" for a
    /// private one; a `postgresql://` URL for a schema on a server (see
    /// `init(serverURL:options:)`).
    ///
    /// The file is looked at read-only first (see `StoreFile`): a file that is
    /// not a tracker database, or is one from a newer tracker, is refused
    /// without a byte of it changing. A file this process cannot write is
    /// opened read-only: everything can be read, crash state included (shown,
    /// not written); writes fail.
    public init(path: String, options: Options = Options()) throws {
        guard !path.isEmpty else {
            throw StoreError.invalidArgument(
                "the database path is empty; pass a file name such as ./tracker.db (an empty name would be a temporary database)")
        }
        database = StoreBackend(location: path) == .postgresql
            ? try Self.openServer(url: path, options: options)
            : try Self.openFile(path: path, options: options)
        self.host = options.host
        self.processID = getpid()
        self.process = ProcessIdentity.current(host: options.host)
        self.names = RunNameGenerator(seed: options.nameSeed)
        if options.detectCrashes {
            try CrashDetector(staleHeartbeatSeconds: options.staleHeartbeatSeconds)
                .markCrashedRuns(in: self)
        }
    }

    private static func openFile(path: String, options: Options) throws -> StoreDatabase {
        let migrator = Migrator()
        let file = path == ":memory:" ? nil : try StoreFile(inspecting: path, migrator: migrator)
        if !options.migrates, let file {
            let found = if case let .tracker(version) = file.kind { version } else { 0 }
            if found < migrator.latestVersion {
                throw StoreError.invalidArgument(
                    "\(path) has schema version \(found), older than this tracker's \(migrator.latestVersion), "
                        + "and read-only viewers do not migrate; run any other tracker command on it first (e.g. 'tracker runs')")
            }
        }
        // An empty file is made a database even by a reader, as it always was.
        let readOnly = (options.readOnly && file?.kind != .new) || !(file?.isWritable ?? true)
        if readOnly, case let .tracker(version)? = file?.kind, version < migrator.latestVersion {
            guard file?.isWritable == true else {
                throw StoreError.schemaNeedsUpgrade(path: path, found: version, known: migrator.latestVersion)
            }
            // Read-only by choice on a file we may write: upgrade it first, as any command would.
            let upgrading = try Database(path: path, mode: .readWrite, busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
            defer { upgrading.close() }
            try migrator.migrate(upgrading)
        }
        if readOnly, file?.kind == .new {
            throw StoreError.invalidArgument("cannot create a database at '\(path)': its directory is not writable; pass another --db")
        }
        let database = try Database(
            path: path, mode: readOnly ? .readOnly : .readWriteCreate,
            busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
        // SQLite's default page cache is 2 MB; comparing thousands of runs
        // reads runs, params and run_summary (a few MB each at 10,000 runs)
        // and would otherwise fetch every page from the OS again each time.
        try database.execute("PRAGMA cache_size = -32768")
        if !readOnly { try migrator.migrate(database) }
        return StoreDatabase(sqlite: database)
    }

    /// Connects to a PostgreSQL server: `url` is any libpq connection URI
    /// (the password from `~/.pgpass` or `PGPASSWORD`, never shown). The
    /// store lives in the connection's current schema, the first of its
    /// search_path (`public` unless the URL says
    /// `?options=-csearch_path%3Dmy_team`). libpq is loaded now, at run time,
    /// so a tracker that never sees such a URL needs no libpq at all.
    private static func openServer(url: String, options: Options) throws -> StoreDatabase {
        let connection = try PostgresConnection(url: url)
        do {
            // Writers wait for the write turn as long as SQLite's writers wait for its lock.
            try connection.execute("SELECT set_config('lock_timeout', $1, false)", String(max(options.busyTimeoutMilliseconds, 1)))
            let migrator = PostgresMigrator()
            try requireStoreSchema(on: connection, migrator: migrator, creating: options.createsStore && options.migrates)
            if options.migrates {
                // Read-only by choice, as on a file we may write: upgrade first, as any command would.
                try migrator.migrate(connection)
            } else {
                let found = try migrator.appliedVersion(on: connection)
                if found > migrator.latestVersion {
                    throw StoreError.schemaTooNew(path: connection.redactedURL, found: found, known: migrator.latestVersion)
                }
                if found < migrator.latestVersion {
                    throw StoreError.invalidArgument(
                        "\(connection.redactedURL) has schema version \(found), older than this tracker's \(migrator.latestVersion), "
                            + "and read-only commands do not migrate; run any other tracker command on it first (e.g. 'tracker runs')")
                }
            }
            let session = { (connection: PostgresConnection) throws in
                try connection.execute("SELECT set_config('lock_timeout', $1, false)", String(max(options.busyTimeoutMilliseconds, 1)))
                // Every transaction of a read-only store's session refuses to write (25006).
                if options.readOnly { try connection.execute("SET default_transaction_read_only = on") }
            }
            try session(connection)
            return StoreDatabase(postgres: connection, readOnly: options.readOnly, sessionSetup: session)
        } catch {
            connection.close()
            throw error
        }
    }

    /// Refuses a URL whose search_path names no existing schema (nothing
    /// could be created or read there), and, unless `creating`, a schema
    /// without a tracker store.
    private static func requireStoreSchema(on connection: PostgresConnection, migrator: PostgresMigrator, creating: Bool) throws {
        guard let schema = try connection.scalar("SELECT current_schema()", as: String?.self) ?? nil else {
            throw StoreError.noSchema(database: connection.redactedURL)
        }
        if !creating, try migrator.appliedVersion(on: connection) == 0 {
            throw StoreError.noStore(database: connection.redactedURL, schema: schema)
        }
    }

    /// Runs `body` in one read transaction: every query in it sees the same
    /// snapshot, and the snapshot is let go at the end, so a long-lived
    /// reader (the dashboard) never keeps the WAL from being checkpointed.
    public func read<T>(_ body: () throws -> T) throws -> T {
        do {
            return try database.transaction(.read, body)
        } catch let error where error.isLostSessionBeforeCommit {
            // The server restarted or the network dropped the session: a
            // reader loses nothing by asking a new one.
            try database.reconnect()
            return try database.transaction(.read, body)
        }
    }

    /// Queries that must see one snapshot: in the transaction already open,
    /// or else in one of their own, as `read` runs it (and so on a new
    /// session if the PostgreSQL one was lost).
    func reading<T>(_ body: () throws -> T) throws -> T {
        database.isInTransaction ? try body() : try read(body)
    }

    public static func inMemory(options: Options = Options()) throws -> Store {
        try Store(path: ":memory:", options: options)
    }

    public func close() {
        hot = nil
        summaryCache = SummaryCache()
        database.close()
    }

    /// The host name recorded on runs, sweeps and trial claims: `TRACKER_HOST`
    /// when set (containers that share a host name, or tests that play
    /// several machines on one), else the system's host name.
    public static func currentHost() -> String {
        if let name = getenv("TRACKER_HOST").map({ String(cString: $0) }), !name.isEmpty { return name }
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown" }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A write transaction that waits for other writers and retries when
    /// SQLite reports busy anyway (on PostgreSQL: the lock timeout, a
    /// serialization failure or a deadlock). With WAL and a busy timeout, BEGIN IMMEDIATE
    /// waits for the lock; SQLite still returns SQLITE_BUSY without waiting in
    /// a few cases (WAL recovery after a crash, a checkpoint holding the lock),
    /// and then the whole transaction must be run again. `body` may therefore
    /// run more than once: it must only touch the database.
    func write<T>(_ kind: StoreDatabase.TransactionKind = .write, _ body: () throws -> T) throws -> T {
        var delay = 0.001
        var attempt = 1
        var reconnected = false
        while true {
            do {
                return try database.transaction(kind, body)
            } catch let error where error.isBusy && attempt < Self.busyAttempts {
                attempt += 1
                usleep(UInt32(delay * 1_000_000 * Double.random(in: 0.5...1.5)))
                delay = min(delay * 2, 0.5)
            } catch let error where error.isLostSessionBeforeCommit && !reconnected {
                // The PostgreSQL session went away (a server restart, a
                // dropped network) before COMMIT: the server rolled the
                // transaction back, so it runs again, once, on a new session.
                reconnected = true
                try database.reconnect()
            }
        }
    }

    static let busyAttempts = 10

    /// Inside a write transaction: stops a writer whose run was deleted or
    /// ended by another process (one primary-key lookup), so that it never
    /// writes into a run that is no longer its own.
    /// A run as this store sees it: crashed when found so but not written.
    func presented(_ run: Run) -> Run {
        guard run.status == .running, presumedCrashed.contains(run.id) else { return run }
        var run = run
        run.status = .crashed
        run.stopReason = .crashed
        run.endedAt = run.heartbeatAt ?? run.startedAt ?? run.createdAt
        return run
    }

    func requireRunning(_ run: RunID) throws {
        let status = try database.cachedStatement("SELECT status FROM runs WHERE id = ?").bound(run)
            .firstRow { try $0.column(0, as: String.self) }
        guard status == RunStatus.running.rawValue else {
            throw StoreError.runNotWritable(id: run, status: status)
        }
    }
}
