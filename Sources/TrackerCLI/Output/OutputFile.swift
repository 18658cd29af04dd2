import Foundation

/// Opens the file an `-o` option names, the way a shell's `>` does: created
/// or truncated in place. Foundation's `createFile(atPath:contents:)` writes
/// a temporary file and renames it over the target, which replaces a device
/// or a symlink (run as root, `-o /dev/null` turned /dev/null into a regular
/// file), so it is not used for output.
enum OutputFile {
    static func openForWriting(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CommandFailure("cannot write '\(path)': \(reason); check that its directory exists and is writable")
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        let handle = try openForWriting(path)
        defer { try? handle.close() }
        handle.write(Data(bytes))
    }
}
