import Foundation
import Synchronization

/// One store connection shared by a tracker and its run handles. A `Store`
/// is not `Sendable` (it owns an SQLite connection and caches); the mutex
/// makes every use of it exclusive, so handles may be used from any thread.
///
/// A borrowed store (`Tracker(borrowing:path:)`) is also used by its lender
/// between the tracker's calls, outside the mutex. The lender's side stays on
/// its thread because `Store` is not `Sendable`; the tracker's side is held
/// to that same thread by a check on every use.
final class StoreConnection: Sendable {
    private let store: Mutex<Store>
    /// The one thread allowed to use a borrowed store; nil for an owned one.
    private let owningThread: pthread_t?

    init(_ store: sending Store) {
        self.store = Mutex(store)
        owningThread = nil
    }

    /// A connection to a store the calling thread goes on using.
    init(borrowing store: sending Store) {
        self.store = Mutex(store)
        owningThread = pthread_self()
    }

    func use<T: Sendable>(_ body: (Store) throws -> T) throws -> T {
        if let owningThread {
            precondition(
                pthread_equal(owningThread, pthread_self()) != 0,
                "a tracker made with Tracker(borrowing:) was used off the thread that lent it the store; "
                    + "give each thread its own Tracker(store:path:)")
        }
        return try store.withLock { store in try body(store) }
    }
}
