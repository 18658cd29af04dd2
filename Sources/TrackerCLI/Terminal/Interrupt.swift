#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C for long-running commands: the first SIGINT only sets a flag that
/// the command polls between epochs, so it can save a checkpoint, mark its
/// run killed and exit 130; a second SIGINT ends the process at once.
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

    /// Routes SIGINT to the flag. Call once, before the long-running work.
    public static func install() {
        flag.store(false, ordering: .sequentiallyConsistent)
        signal(SIGINT) { _ in
            if Interrupt.flag.exchange(true, ordering: .sequentiallyConsistent) {
                // Second Ctrl-C: the user means it. Die of SIGINT, the way the
                // shell expects (it reports status 130).
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
    }

    /// Restores the default action: Ctrl-C terminates the process.
    public static func uninstall() {
        signal(SIGINT, SIG_DFL)
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
