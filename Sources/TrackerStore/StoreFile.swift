import Foundation
import SQLite

/// What a file is, found out before anything is written to it.
///
/// Opening a store used to switch the file to WAL mode and look at its
/// schema afterwards, so a file it then refused (another application's
/// SQLite file, a newer tracker's database) had already been changed. This
/// looks first, through a read-only connection, and changes nothing.
struct StoreFile {
    enum Kind: Equatable {
        /// No file, or an empty one: a new tracker database is made there.
        case new
        /// A tracker database at this schema version.
        case tracker(version: Int)
    }

    let path: String
    let kind: Kind
    /// False when this process may read but not change the file (a read-only
    /// file, or a directory where the journal files cannot be made).
    let isWritable: Bool

    /// The 16 bytes every SQLite database file starts with.
    static let header = Array("SQLite format 3\0".utf8)

    /// Looks at `path`; throws when it is something a store must not open.
    init(inspecting path: String, migrator: Migrator) throws {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else {
            kind = .new
            isWritable = Self.canCreateOrWrite(path)
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError.invalidArgument("'\(path)' is not a regular file; pass --db a database file")
        }
        guard Self.startsWithHeader(path) else {
            throw StoreError.notAnSQLiteFile(path: path)
        }
        let database = try Database(path: path, mode: .readOnly)
        defer { database.close() }
        let version = try migrator.appliedVersion(of: database)
        if version > migrator.latestVersion {
            throw StoreError.schemaTooNew(path: path, found: version, known: migrator.latestVersion)
        }
        kind = .tracker(version: version)
        isWritable = Self.canCreateOrWrite(path)
    }

    private static func startsWithHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: header.count)) ?? Data()
        return Array(bytes) == header
    }

    /// The file (when it exists) and its directory (where SQLite makes the
    /// -wal, -shm and -journal files) must both be writable.
    private static func canCreateOrWrite(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        let directoryWritable = access(directory.isEmpty ? "." : directory, W_OK) == 0
        let fileWritable = access(path, F_OK) != 0 || access(path, W_OK) == 0
        return directoryWritable && fileWritable
    }
}
