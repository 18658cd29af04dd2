/// What to start: a command as the user typed it after `--`.
public struct ChildCommand: Sendable, Equatable {
    /// A name looked up in PATH (the child's PATH, i.e. the parent's unless
    /// `environment` sets one), or a path when it contains "/".
    public var executable: String
    public var arguments: [String]
    /// Added to the parent's environment (the lead passes TRACKER_RUN_ID,
    /// TRACKER_PARAMS, ...). `PYTHONUNBUFFERED=1` and `TRACKER_FD` are always set.
    public var environment: [String: String]
    /// nil: the parent's working directory.
    public var workingDirectory: String?

    public init(_ executable: String, arguments: [String] = [], environment: [String: String] = [:], workingDirectory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }
}
