import Foundation

/// Opens the file an `-o` option names, the way a shell's `>` does: created
/// or truncated in place. Foundation's `createFile(atPath:contents:)` writes
/// a temporary file and renames it over the target, which replaces a device
/// or a symlink (run as root, `-o /dev/null` turned /dev/null into a regular
/// file), so it is not used for output.
///
/// Every command that writes a file goes through here, naming the database
/// it has open, so that no output can land on the database (see `DatabaseFileGuard`).
enum OutputFile {
    static func openForWriting(_ path: String, sparing database: String) throws -> FileHandle {
        try DatabaseFileGuard.refuse(output: path, database: database)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandFailure("cannot write '\(path)': \(reason); check that its directory exists and is writable")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    static func write(_ bytes: [UInt8], to path: String, sparing database: String) throws {
        let handle = try openForWriting(path, sparing: database)
        defer { try? handle.close() }
        handle.write(Data(bytes))
    }
}
