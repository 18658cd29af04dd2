#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only exit codes `tracker` uses.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// The command failed: missing run or database, SQL error, training failure.
    case failure = 1
    /// The command line was wrong (sysexits.h's EX_USAGE).
    case usage = 64
    /// Interrupted with Ctrl-C: 128 + SIGINT, what shells report.
    case interrupted = 130
}
