import Foundation

/// The open connections: admits at most `capacity`, lets `stop()` shut
/// them all down, and lets it wait until every connection thread is gone.
///
/// A lock and a condition variable rather than an actor: the connection
/// threads are plain threads blocked in system calls, not tasks.
final class ConnectionRegistry: @unchecked Sendable {
    private let capacity: Int
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var descriptors: Set<Int32> = []
    private var isShuttingDown = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Records a new connection; false when the server is full or stopping.
    func admit(_ descriptor: Int32) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isShuttingDown, descriptors.count < capacity else { return false }
        descriptors.insert(descriptor)
        return true
    }

    /// Closes a finished connection. The descriptor is closed under the
    /// lock so that `shutDownAll()` never touches a number already reused.
    func close(_ descriptor: Int32) {
        condition.lock()
        defer { condition.unlock() }
        descriptors.remove(descriptor)
        Glibc.close(descriptor)
        condition.broadcast()
    }

    /// Wakes every connection thread from its `poll` (reads return 0,
    /// writes fail), so each one ends and closes its descriptor.
    func shutDownAll() {
        condition.lock()
        defer { condition.unlock() }
        isShuttingDown = true
        for descriptor in descriptors {
            shutdown(descriptor, Int32(SHUT_RDWR))
        }
    }

    /// Blocks until every admitted connection has been closed.
    func waitUntilEmpty() {
        condition.lock()
        defer { condition.unlock() }
        while !descriptors.isEmpty {
            condition.wait()
        }
    }
}
