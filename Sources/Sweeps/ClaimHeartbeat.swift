import Foundation
import Synchronization
import TrackerStore

/// Renews a worker's claims on a thread of its own, with its own store
/// connection, while the worker's thread trains. A trial's run heartbeats
/// only between epochs; an outside command may go minutes without one, and
/// its claim must not look dead meanwhile.
public final class ClaimHeartbeat: Sendable {
    private struct State {
        var claims: Set<SweepTrialClaim> = []
        var stopped = false
        /// Claims found taken back by another worker (this one was too late).
        var lost: Set<SweepTrialClaim> = []
        var lastError: String?
    }

    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the thread: it opens `databasePath` and renews every held claim each `interval` seconds.
    public init(databasePath: String, options: Store.Options, interval: Double) {
        var quiet = options
        // This connection only renews claims; the worker's own store judges crashes.
        quiet.detectCrashes = false
        let thread = Thread { [self, quiet] in
            defer { finished.signal() }
            self.beat(databasePath: databasePath, options: quiet, interval: interval)
        }
        thread.name = "claim-heartbeat"
        thread.start()
    }

    public func hold(_ claim: SweepTrialClaim) {
        state.withLock { _ = $0.claims.insert(claim) }
    }

    public func letGo(_ claim: SweepTrialClaim) {
        state.withLock { _ = $0.claims.remove(claim) }
    }

    /// Whether a renewal found `claim` no longer this worker's.
    public func wasLost(_ claim: SweepTrialClaim) -> Bool {
        state.withLock { $0.lost.contains(claim) }
    }

    /// Stops the thread and waits for it to close its connection.
    public func stop() {
        let wasRunning = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        if wasRunning { finished.wait() }
    }

    private func beat(databasePath: String, options: Store.Options, interval: Double) {
        let store: Store
        do {
            store = try Store(path: databasePath, options: options)
        } catch {
            state.withLock { $0.lastError = "\(error)" }
            return
        }
        defer { store.close() }
        var nextBeat = Date().addingTimeInterval(interval)
        while !state.withLock({ $0.stopped }) {
            // Short naps, so that stop() returns at once rather than after a whole interval.
            usleep(UInt32(min(interval, 0.05) * 1_000_000))
            guard Date() >= nextBeat else { continue }
            nextBeat = Date().addingTimeInterval(interval)
            for claim in state.withLock({ $0.claims }) {
                do {
                    if try !store.heartbeatSweepTrial(claim) {
                        state.withLock { _ = $0.lost.insert(claim) }
                    }
                } catch {
                    // A missed beat is retried next interval; three in a row lose the claim.
                    state.withLock { $0.lastError = "\(error)" }
                }
            }
        }
    }
}
