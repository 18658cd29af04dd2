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

    /// Stops the thread and waits for it to close its connection.
    public func stop() {
        let wasRunning = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        if wasRunning { finished.wait() }
    }

    private func beat(databasePath: String, options: Store.Options, interval: Double) {
        // Without a connection no claim is renewed, and other workers take the
        // units back after the timeout: the same as a dead worker, and as safe.
        guard let store = try? Store(path: databasePath, options: options) else { return }
        defer { store.close() }
        var nextBeat = Date().addingTimeInterval(interval)
        while !state.withLock({ $0.stopped }) {
            // Short naps, so that stop() returns at once rather than after a whole interval.
            usleep(UInt32(min(interval, 0.05) * 1_000_000))
            guard Date() >= nextBeat else { continue }
            nextBeat = Date().addingTimeInterval(interval)
            for claim in state.withLock({ $0.claims }) {
                // A missed beat (busy, a dropped connection) is retried next interval;
                // a claim lost to a reclaimer shows when the worker finishes it.
                _ = try? store.heartbeatSweepTrial(claim)
            }
        }
    }
}
