import Foundation

/// Refuses an output path that is the database or one of SQLite's files
/// beside it (-wal, -shm, -journal), decided by file identity (device and
/// inode) rather than by name, so that `./x.db`, `dir/../x.db`, a symlink or
/// a hard link to the database are all caught. Writing there would truncate
/// or replace the database.
enum DatabaseFileGuard {
    static let companionSuffixes = ["", "-wal", "-shm", "-journal"]

    static func refuse(output: String, database: String) throws(CommandFailure) {
        // A server's store is no file here: nothing an output writes can be it.
        guard database != ":memory:", !database.isEmpty, !DatabaseName.isServer(database) else { return }
        let outputFile = FileIdentity(path: output)
        let outputEntry = DirectoryEntry(path: output)
        for suffix in companionSuffixes {
            let protected = database + suffix
            let sameFile = outputFile != nil && outputFile == FileIdentity(path: protected)
            // A companion that does not exist yet (no -wal right now) is
            // caught by its directory and name.
            let sameEntry = outputEntry != nil && outputEntry == DirectoryEntry(path: protected)
            if sameFile || sameEntry {
                let what = suffix.isEmpty ? "the database" : "the database's \(suffix) file"
                throw CommandFailure(
                    "'\(output)' is \(what) (\(database)); writing there would destroy it; choose another output file")
            }
        }
    }

    /// A file's device and inode, following symlinks; nil when it does not exist.
    struct FileIdentity: Equatable {
        let device: UInt64
        let inode: UInt64

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// A name in a directory known by its identity: what a path that does
    /// not exist yet would become.
    struct DirectoryEntry: Equatable {
        let directory: FileIdentity
        let name: String

        init?(path: String) {
            let url = URL(fileURLWithPath: path)
            guard let directory = FileIdentity(path: url.deletingLastPathComponent().path) else { return nil }
            self.directory = directory
            name = url.lastPathComponent
        }
    }
}
