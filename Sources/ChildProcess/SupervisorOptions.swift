import Glibc

/// How a `Supervisor` treats its child; the defaults are `tracker exec`'s.
public struct SupervisorOptions: Sendable {
    /// Between the stop signal (SIGTERM, or the terminal's SIGINT) and
    /// SIGKILL. Ten seconds lets PyTorch save a checkpoint and flush.
    public var gracePeriod: Duration = .seconds(10)
    /// Forward SIGINT and SIGTERM sent to this process to the child. Only
    /// one caller at a time should own this (the CLI, not each sweep worker).
    public var forwardsStopSignals = true
    /// Where the child's own stdout and stderr go, byte for byte; -1 drops them.
    public var stdoutDestination: Int32 = STDOUT_FILENO
    public var stderrDestination: Int32 = STDERR_FILENO
    /// How much of each stream the outcome keeps.
    public var tailLines = 50
    public var tailBytes = 16 * 1024
    /// Longer protocol lines are reported and discarded.
    public var maximumLineBytes = LineSplitter.defaultMaximumLineBytes

    public init() {}
}
