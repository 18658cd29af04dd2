#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C and SIGTERM for long-running commands: the first signal only sets
/// a flag that the command polls between epochs, so it can save a
/// checkpoint, mark its run killed and exit 130; a second one ends the
/// process at once. SIGTERM (what `timeout`, `docker stop`, systemd and
/// Slurm send) is handled exactly like Ctrl-C, exit status 130 included, so
/// that scripts see one "stopped on request" status whichever was sent.
/// This is the CLI's one place for stop signals: every long-running command
/// (train, sweep, retune, and exec and ui as they come) installs it.
///
/// Async-signal-safety: the handler does only what is safe inside a signal
/// handler: a lock-free atomic load and store, and on the second signal
/// `signal()` and `raise()`, both on POSIX's list of async-signal-safe
/// functions. It allocates nothing, takes no lock and prints nothing; the
/// command reports the interruption after it sees the flag. The flag is a
/// global initialised in `install()` before the handler exists, so the handler
/// never runs a lazy initialiser.
///
/// A training command uses it like this:
///
///     Interrupt.install()
///     defer { Interrupt.uninstall() }
///     for epoch in 1...epochs {
///         if Interrupt.wasRequested {
///             // save a checkpoint, mark the run killed, then:
///             throw CommandInterrupted("Interrupted at epoch \(epoch); run marked killed.")
///         }
///         ...
///     }
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// The signals that ask a command to stop.
    public static let stopSignals: [Int32] = [SIGINT, SIGTERM]

    /// Routes SIGINT and SIGTERM to the flag. Call once, before the long-running work.
    public static func install() {
        flag.store(false, ordering: .sequentiallyConsistent)
        for stopSignal in stopSignals {
            signal(stopSignal) { received in
                if Interrupt.flag.exchange(true, ordering: .sequentiallyConsistent) {
                    // A second signal: the user means it. Die of it, the way
                    // the shell expects (status 128 + the signal's number).
                    signal(received, SIG_DFL)
                    raise(received)
                }
            }
        }
    }

    /// Restores the default actions: the stop signals terminate the process.
    public static func uninstall() {
        for stopSignal in stopSignals { signal(stopSignal, SIG_DFL) }
    }

    /// Whether Ctrl-C was pressed since `install()`. Cheap enough to poll every batch.
    public static var wasRequested: Bool {
        flag.load(ordering: .relaxed)
    }

    /// Sets the flag as the handler would; for tests and for cancelling from code.
    public static func request() {
        flag.store(true, ordering: .sequentiallyConsistent)
    }

    public static func reset() {
        flag.store(false, ordering: .sequentiallyConsistent)
    }
}
