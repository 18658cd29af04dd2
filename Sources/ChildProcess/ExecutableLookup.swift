import Glibc

/// Finds the file a command name means, as a shell would, before forking:
/// the error is then a clear `SupervisorError` rather than a child exiting 127.
enum ExecutableLookup {
    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// `name` itself when it holds "/", else the first executable regular
    /// file named `name` in `searchPath` (an empty entry means ".").
    static func resolve(_ name: String, searchPath: String?) throws(SupervisorError) -> String {
        if name.contains("/") { return name }
        let path = searchPath ?? defaultSearchPath
        guard !name.isEmpty else { throw .commandNotFound(name: name, searchPath: path) }
        for directory in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (directory.isEmpty ? "." : String(directory)) + "/" + name
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        throw .commandNotFound(name: name, searchPath: path)
    }
}
