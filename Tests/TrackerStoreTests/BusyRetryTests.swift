import Foundation
import SQLite
import Testing
@testable import TrackerStore

@Suite("Busy writers are retried")
struct BusyRetryTests {
    /// With no busy timeout SQLite fails at once while another connection
    /// holds the write lock; the store's retry with backoff must carry the
    /// epoch through once the lock is released.
    @Test func aWriteBlockedByAnotherConnectionIsRetriedUntilItSucceeds() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("busy.db")
        var options = Store.Options()
        options.busyTimeoutMilliseconds = 0
        let store = try Store(path: path, options: options)
        let run = try store.createRun()

        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                let other = try Database(path: path)
                try other.execute("BEGIN IMMEDIATE")
                locked.signal()
                usleep(40_000)
                try other.execute("COMMIT")
            } catch {
                locked.signal()
            }
            released.signal()
        }
        locked.wait()
        // Without retrying, this is the error the store would see.
        let direct = #expect(throws: SQLiteError.self) { try store.database.execute("BEGIN IMMEDIATE") }
        #expect(direct?.isBusy == true)
        try store.logMetrics(run.id, step: 1, ["val_loss": 0.5])
        released.wait()
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.value) == [0.5])
    }
}
