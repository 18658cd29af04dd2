/// A command that could not do its job for a reason other than how it was
/// typed: a missing run, a missing database. Exit code 1, one line on stderr.
public struct CommandFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Thrown by a command that stopped because the user pressed Ctrl-C, after it
/// has cleaned up; exit code 130. The message, if any, goes to stderr.
public struct CommandInterrupted: Error, Equatable, Sendable {
    public var message: String?

    public init(_ message: String? = nil) {
        self.message = message
    }
}

/// Ends a command with a given exit code and no message of its own: `tracker
/// exec` exits with its child's code, whose own stderr has said why.
public struct CommandExitStatus: Error, Equatable, Sendable {
    public var code: Int32

    public init(_ code: Int32) {
        self.code = code
    }
}
