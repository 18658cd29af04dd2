/// Errors of the store's own making; SQLite's arrive as `SQLiteError`.
/// Each description is one line naming the problem and the fix.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    case schemaTooNew(path: String, found: Int, known: Int)
    case notATrackerDatabase(path: String)
    /// Something asked for does not exist (a run, dataset, sweep, checkpoint).
    case notFound(String)
    /// The caller passed something the store cannot accept.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .schemaTooNew(path, found, known):
            "\(path) has schema version \(found), but this tracker knows versions up to \(known); upgrade tracker to open it"
        case let .notATrackerDatabase(path):
            "\(path) is an SQLite database but not a tracker database (it has tables and no schema_migrations); pass another --db"
        case let .notFound(message), let .invalidArgument(message):
            message
        }
    }
}
