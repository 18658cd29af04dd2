import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Training

/// The pool's contract: every index of a region runs exactly once before
/// `run` returns, whoever calls it and however many call at once.
@Suite struct ComputePoolTests {
    /// Counts how often each index ran.
    final class Tally: Sendable {
        let counts: Mutex<[Int]>
        init(_ size: Int) { counts = Mutex(Array(repeating: 0, count: size)) }
        func record(_ index: Int) { counts.withLock { $0[index] += 1 } }
        var values: [Int] { counts.withLock { $0 } }
    }

    /// A few microseconds of work, so that workers take part in a region
    /// instead of the caller claiming every index before they look.
    static func work(_ index: Int) {
        var value = Double(index)
        for step in 0..<2_000 { value = value * 0.999 + Double(step) }
        precondition(value.isFinite)
    }

    @Test func everyIndexRunsOnceForManyRegionsInARow() {
        let pool = ComputePool(workers: 3)
        for region in 0..<2_000 {
            let count = 1 + region % 9
            let tally = Tally(count)
            pool.run(count) { index in
                Self.work(index)
                tally.record(index)
            }
            // Read right after run returns: nothing may still be running.
            #expect(tally.values == Array(repeating: 1, count: count), "region \(region)")
        }
    }

    /// A region after the workers have gone to sleep must wake one: each
    /// index here takes 100 ms, so while the caller is busy with one, an
    /// awake worker takes the other. If the wake-up were lost, the caller
    /// would run both, on one thread.
    @Test func regionsAfterTheWorkersSleepWakeThem() {
        let pool = ComputePool(workers: 1)
        for round in 0..<5 {
            usleep(UInt32(ComputePool.spinSeconds * 5e6))
            let threads = Mutex<[UInt]>([0, 0])
            pool.run(2) { index in
                usleep(100_000)
                threads.withLock { $0[index] = UInt(pthread_self()) }
            }
            let ran = threads.withLock { $0 }
            #expect(ran[0] != 0 && ran[1] != 0 && ran[0] != ran[1], "round \(round): both indices ran on one thread")
        }
    }

    @Test func concurrentAndNestedCallersEachGetAllTheirIndices() {
        let pool = ComputePool(workers: 1)
        let callers = 4, regions = 300
        let failures = Tally(1)
        DispatchQueue.concurrentPerform(iterations: callers) { _ in
            for region in 0..<regions {
                let tally = Tally(3)
                pool.run(3) { index in
                    if index == 1 && region % 10 == 0 {
                        // A nested region from inside a body runs on that thread.
                        let inner = Tally(2)
                        pool.run(2) { inner.record($0) }
                        if inner.values != [1, 1] { failures.record(0) }
                    }
                    Self.work(index)
                    tally.record(index)
                }
                if tally.values != [1, 1, 1] { failures.record(0) }
            }
        }
        #expect(failures.values == [0])
    }
}
