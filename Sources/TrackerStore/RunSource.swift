/// Where a run recorded from outside the engine came from: the values the
/// `runs.source` CHECK allows. Runs of the engine and of TrackerKit code
/// have none.
public enum RunSource: String, Sendable, CaseIterable, Codable {
    /// `tracker exec`: a child process reporting over TRACKER_FD.
    case exec
    /// `tracker run start|log|checkpoint|finish`, called from a shell script.
    case shell
    /// `tracker import mlflow`.
    case mlflow
    /// `tracker import tensorboard`.
    case tensorboard
}

/// What the process behind an outside run left: one row of `run_sources`.
public struct RunSourceRecord: Sendable, Equatable {
    public var gitCommit: String?
    /// nil when the command did not run in a git work tree.
    public var gitDirty: Bool?
    /// `git diff HEAD` of a dirty tree, cut at a cap (see `gitDiffTruncated`).
    public var gitDiff: String?
    public var gitDiffTruncated: Bool
    public var stdoutTail: String?
    public var stderrTail: String?
    /// nil while running, after a signal, or when the source does not say.
    public var exitCode: Int?
    /// Protocol lines that were not valid messages.
    public var malformedLines: Int
    /// Points that were not stored: NaN values, or a (metric, step) already logged.
    public var rejectedPoints: Int
    /// Checkpoint files the process named that could not be read.
    public var missingCheckpoints: Int

    public init(
        gitCommit: String? = nil, gitDirty: Bool? = nil, gitDiff: String? = nil, gitDiffTruncated: Bool = false,
        stdoutTail: String? = nil, stderrTail: String? = nil, exitCode: Int? = nil,
        malformedLines: Int = 0, rejectedPoints: Int = 0, missingCheckpoints: Int = 0
    ) {
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.gitDiff = gitDiff
        self.gitDiffTruncated = gitDiffTruncated
        self.stdoutTail = stdoutTail
        self.stderrTail = stderrTail
        self.exitCode = exitCode
        self.malformedLines = malformedLines
        self.rejectedPoints = rejectedPoints
        self.missingCheckpoints = missingCheckpoints
    }
}
