import Foundation
import Testing
@testable import TrackerKit

@Suite("Tracker(borrowing:): a store lent on one thread stays on it")
struct BorrowedStoreTests {
    @Test func theLenderSeesWhatTheTrackerRecordsOnTheSameThread() throws {
        let store = try Store(path: ":memory:")
        let tracker = Tracker(borrowing: store, path: ":memory:")
        let run = try tracker.startRun(RunOptions(name: "lent"))
        try run.log(step: 1, ["train_loss": 0.5])
        try run.flush()
        // The lender reads between the tracker's calls, on the same connection.
        #expect(try store.run(named: "lent").status == .running)
        try run.finish()
        #expect(try store.run(named: "lent").status == .finished)
    }

    @Test func usingABorrowedTrackerFromAnotherThreadStopsTheProcess() async {
        await #expect(processExitsWith: .failure) {
            let store = try Store(path: ":memory:")
            let tracker = Tracker(borrowing: store, path: ":memory:")
            let done = DispatchSemaphore(value: 0)
            let other = Thread {
                _ = try? tracker.startRun(RunOptions(name: "elsewhere"))
                done.signal()
            }
            other.start()
            done.wait()
        }
    }
}
