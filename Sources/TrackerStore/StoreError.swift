/// Errors of the store's own making; SQLite's arrive as `SQLiteError`.
/// Each description is one line naming the problem and the fix.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case schemaTooNew(path: String, found: Int, known: Int)
    case notATrackerDatabase(path: String)
    case notAnSQLiteFile(path: String)
    /// A read-only database whose schema is older than this tracker's.
    case schemaNeedsUpgrade(path: String, found: Int, known: Int)
    /// Something asked for does not exist (a run, dataset, sweep, checkpoint).
    case notFound(String)
    /// The caller passed something the store cannot accept.
    case invalidArgument(String)
    /// A running run cannot be deleted: its process would write into nothing.
    case runIsLive(name: String, host: String?, pid: Int64?)
    /// A writer's run was deleted or ended by someone else: it must stop.
    case runNotWritable(id: Int64, status: String?)
    /// A sweep still being run by a live process cannot be resumed by another.
    case sweepIsLive(name: String, host: String?, pid: Int64?)
    /// A PostgreSQL schema with no tracker store, opened by a command that does not create one.
    case noStore(database: String, schema: String)
    /// A PostgreSQL URL whose search_path names no schema that exists.
    case noSchema(database: String)
    /// A checkpoint whose stored bytes are not what was saved.
    case damagedCheckpoint(run: Int64, kind: String, step: Int, detail: String)

    public var description: String {
        switch self {
        case let .schemaTooNew(path, found, known):
            "\(path) has schema version \(found), but this tracker knows versions up to \(known); upgrade tracker to open it"
        case let .notATrackerDatabase(path):
            "\(path) is an SQLite database but not a tracker database (it has tables and no schema_migrations); pass another --db"
        case let .notFound(message), let .invalidArgument(message):
            message
        case let .noStore(database, schema):
            "no tracker store in schema \(schema) of \(database); create one with 'tracker init --db URL', "
                + "or name the store's schema in the URL (?options=-csearch_path%3DNAME)"
        case let .noSchema(database):
            "the search_path of \(database) names no schema that exists; create it (CREATE SCHEMA name) "
                + "or name an existing one in the URL (?options=-csearch_path%3DNAME)"
        case let .notAnSQLiteFile(path):
            "\(path) is not a tracker database (it is not an SQLite file); pass another --db"
        case let .schemaNeedsUpgrade(path, found, known):
            "\(path) has schema version \(found) and this tracker needs \(known), but the file is read-only; "
                + "open it once with write access to upgrade it"
        case let .runIsLive(name, host, pid):
            "run \(name) is still running (pid \(pid.map(String.init) ?? "unknown") on \(host ?? "an unknown host")); "
                + "stop it first (Ctrl-C, or 'kill \(pid.map(String.init) ?? "PID")' on \(host ?? "its host")), then delete it"
        case let .runNotWritable(id, status?):
            "run \(id) is \(status), no longer running (ended or marked crashed by another process); this writer stops here"
        case let .sweepIsLive(name, host, pid):
            "sweep \(name) is still running (pid \(pid.map(String.init) ?? "unknown") on \(host ?? "an unknown host")); "
                + "resuming it now would train its trials twice; wait for it, or stop it (Ctrl-C, or 'kill \(pid.map(String.init) ?? "PID")' on \(host ?? "its host")) first"
        case let .damagedCheckpoint(run, kind, step, detail):
            "the \(kind) checkpoint (epoch \(step)) of run \(run) is damaged: \(detail); "
                + "it cannot be used; train the run again or use another --kind"
        case let .runNotWritable(id, nil):
            "run \(id) no longer exists (deleted while this process was writing to it); this writer stops here"
        }
    }
}
