import Glibc

/// How the child ended, and what the run record needs of it.
public struct ChildOutcome: Sendable, Equatable {
    public enum Termination: Sendable, Equatable {
        case exited(code: Int32)
        case signaled(signal: Int32)
    }

    /// Who asked the child to stop.
    public enum StopRequest: Sendable, Equatable {
        /// SIGINT or SIGTERM reached this process.
        case signal(Int32)
        /// `Supervisor.terminate()` (a pruner, a cancelled sweep).
        case terminate
    }

    public var processID: pid_t
    public var termination: Termination
    /// Set when a stop was asked for: the run ends `killed` (or `pruned`),
    /// whatever the child's own exit status.
    public var stopRequest: StopRequest?
    /// The child outlived the grace period (or a second stop request) and got SIGKILL.
    public var wasKilled: Bool
    /// The last lines of the child's own output (protocol lines excluded).
    public var stdoutTail: [String]
    public var stderrTail: [String]
    public var messageCount: Int
    public var malformedCount: Int

    /// What `tracker exec` exits with: 130 after a stop request, the
    /// child's code, or 128 + signal as a shell reports it.
    public var exitCode: Int32 {
        if stopRequest != nil { return 130 }
        switch termination {
        case .exited(let code): return code
        case .signaled(let signal): return 128 + signal
        }
    }

    /// Exit 0 and nobody asked it to stop.
    public var succeeded: Bool { stopRequest == nil && termination == .exited(code: 0) }
}
