import Foundation
import TrackerStore

/// Read-only store connections for the server's connection threads.
///
/// An SQLite connection belongs to one thread at a time, and a `Store` is
/// not `Sendable`. The pool hands each request a connection of its own and
/// takes it back afterwards, so at most as many connections exist as
/// requests have ever run at once, and opening (a schema check) is paid once
/// per connection, not per request. `@unchecked Sendable` is sound here
/// because a store is reachable only through `withStore`, which moves it out
/// of the pool under the lock and back in after the body: no two threads
/// ever hold the same store.
final class StorePool: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var idle: [Store] = []
    /// Connections kept between requests; more are opened under load and closed after.
    private let keptIdle: Int

    init(path: String, keptIdle: Int = 8) {
        self.path = path
        self.keptIdle = keptIdle
    }

    func withStore<T>(_ body: (Store) throws -> T) throws -> T {
        let store = try take()
        defer { give(store) }
        return try body(store)
    }

    private func take() throws -> Store {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        if let reused { return reused }
        return try Store(path: path, options: .viewer)
    }

    private func give(_ store: Store) {
        lock.lock()
        if idle.count < keptIdle {
            idle.append(store)
            lock.unlock()
        } else {
            lock.unlock()
            store.close()
        }
    }

    func closeAll() {
        lock.lock()
        let stores = idle
        idle = []
        lock.unlock()
        stores.forEach { $0.close() }
    }
}
