import Glibc

/// Why the child could not be started; one line naming the problem and the fix.
public enum SupervisorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No executable of that name in any PATH directory. A shell would exit 127.
    case commandNotFound(name: String, searchPath: String)
    /// The file exists but could not be executed (permissions, not a program).
    case cannotExecute(path: String, errno: Int32)
    case workingDirectoryUnusable(path: String, errno: Int32)
    /// pipe or fork failed: the machine is out of processes or descriptors.
    case systemCallFailed(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .commandNotFound(let name, let searchPath):
            "command not found: '\(name)' is in no PATH directory (\(searchPath)); check the spelling, or give its path"
        case .cannotExecute(let path, let code):
            "cannot execute '\(path)': \(Self.text(code)); check that it exists and is executable (chmod +x, or a #! line)"
        case .workingDirectoryUnusable(let path, let code):
            "cannot change to working directory '\(path)': \(Self.text(code)); check that it exists"
        case .systemCallFailed(let call, let code):
            "\(call) failed: \(Self.text(code)); the system is out of processes or file descriptors (ulimit -n, ulimit -u)"
        }
    }

    private static func text(_ code: Int32) -> String { String(cString: strerror(code)) }
}
