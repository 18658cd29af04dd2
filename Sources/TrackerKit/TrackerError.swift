/// Misuses of the recording API; the store's own errors arrive as
/// `StoreError` or `SQLiteError`. Each description is one line naming the
/// problem and the fix.
public enum TrackerError: Error, Equatable, CustomStringConvertible {
    case emptyDatabasePath
    case runAlreadyEnded(name: String, status: RunStatus)
    case runningIsNotAnEnd(name: String)

    public var description: String {
        switch self {
        case .emptyDatabasePath:
            "the database path is empty; pass a file path, or nil to use \(DatabaseLocation.environmentVariable) or \(DatabaseLocation.defaultPath)"
        case let .runAlreadyEnded(name, status):
            "run '\(name)' has already ended (\(status.rawValue)); start a new run to log more"
        case let .runningIsNotAnEnd(name):
            "run '\(name)' cannot finish as 'running'; pass finished, failed, killed or pruned"
        }
    }
}
