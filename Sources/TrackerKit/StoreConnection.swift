import Synchronization

/// One store connection shared by a tracker and its run handles. A `Store`
/// is not `Sendable` (it owns an SQLite connection and caches); the mutex
/// makes every use of it exclusive, so handles may be used from any thread.
final class StoreConnection: Sendable {
    private let store: Mutex<Store>

    init(_ store: sending Store) {
        self.store = Mutex(store)
    }

    func use<T: Sendable>(_ body: (Store) throws -> T) throws -> T {
        try store.withLock { store in try body(store) }
    }
}
