import Foundation

/// Checks made before opening a database that a command only reads.
public enum DatabaseFile {
    /// Refuses a path with no file, rather than letting SQLite create an empty
    /// database that would then look like "no runs". A server's URL names no
    /// file: the store refuses a schema without a store when it opens
    /// (`Store.Options.createsStore`, which `StoreAccess` turns off).
    public static func requireExisting(_ path: String) throws(CommandFailure) {
        guard path != ":memory:", !DatabaseName.isServer(path) else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure("no database at '\(path)'; create one with 'tracker init --db \(path)' or pass --db PATH")
        }
        guard !isDirectory.boolValue else {
            throw CommandFailure("'\(path)' is a directory, not a database file; pass --db PATH to a file")
        }
    }
}
