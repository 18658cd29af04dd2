import PostgreSQL
import TrackerStore

/// The database as a command may show it: a file's path as given, a
/// server's URL with any password replaced by `***`. Every message, progress
/// line, recorded command line and page that names the database goes
/// through here, so a password typed into `--db` is never printed or stored.
enum DatabaseName {
    static func shown(_ location: String) -> String {
        StoreBackend(location: location) == .postgresql ? ConnectionURL.redacted(location) : location
    }

    static func isServer(_ location: String) -> Bool {
        StoreBackend(location: location) == .postgresql
    }
}
