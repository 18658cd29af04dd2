import Foundation
import Synchronization

/// Threads that stay awake between the parallel parts of a training step.
///
/// A training step alternates short parallel regions (a matrix multiply of
/// 50-500 us per thread) with short serial ones. Dispatch's workers go to
/// sleep between regions, and waking one took longer than a whole region on
/// this kind of virtual machine, so most regions ran on one thread. These
/// workers spin for a while after each region (as OpenMP runtimes do) and
/// only then sleep, so a region that follows soon starts on every core.
///
/// Indices are claimed one at a time, by the caller too: a worker that is
/// late (descheduled) never holds the others up, and which thread runs an
/// index never changes the result, because each index owns its work.
final class ComputePool: @unchecked Sendable {
    static let shared = ComputePool(workers: Parallel.threadCount - 1)

    /// How long an idle worker spins for the next region before sleeping.
    static let spinSeconds = 200e-6

    private let workerCount: Int
    /// One caller at a time; others (another training in the same process,
    /// or a nested call) run their indices themselves.
    private let busy = Atomic<Bool>(false)
    /// Generation in the high bits, next unclaimed index in the low 20.
    private let claims = Atomic<Int>(0)
    private let unfinished = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let wakeUp = NSCondition()
    private var started = false
    /// The region's body and size; written before its generation is
    /// published and left alone until every claimed index has finished.
    private var body: (@Sendable (Int) -> Void)?
    private let count = Atomic<Int>(0)

    private static let indexBits = 20
    private static let indexMask = (1 << indexBits) - 1

    init(workers: Int) {
        workerCount = max(0, workers)
    }

    /// Runs `body(0..<count)` on the caller and the workers; returns when all have finished.
    func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
        guard count > 1, workerCount > 0, count <= Self.indexMask,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            for index in 0..<count { body(index) }
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        startWorkersOnce()
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.count.store(count, ordering: .relaxed)
            unfinished.store(count, ordering: .relaxed)
            let generation = (claims.load(ordering: .relaxed) >> Self.indexBits) + 1
            claims.store(generation << Self.indexBits, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wakeUp.lock()
                wakeUp.broadcast()
                wakeUp.unlock()
            }
            work(generation: generation)
            var spins = 0
            while unfinished.load(ordering: .acquiring) > 0 {
                spins += 1
                // A worker descheduled mid-index: let it have the core.
                if spins > 1 << 12 { sched_yield() }
            }
            self.body = nil
        }
    }

    /// Claims and runs indices of `generation` until none are left.
    private func work(generation: Int) {
        while true {
            let state = claims.load(ordering: .acquiring)
            let index = state & Self.indexMask
            guard state >> Self.indexBits == generation, index < count.load(ordering: .relaxed) else { return }
            guard claims.compareExchange(expected: state, desired: state + 1, ordering: .acquiringAndReleasing).exchanged
            else { continue }
            runClaimed(index)
            unfinished.subtract(1, ordering: .releasing)
        }
    }

    /// Not inlined, so the worker's reference to the body is released
    /// before the index is reported finished.
    @inline(never)
    private func runClaimed(_ index: Int) {
        body!(index)
    }

    private func startWorkersOnce() {
        guard !started else { return }
        started = true
        for _ in 0..<workerCount {
            let thread = Thread { [self] in workerLoop() }
            thread.name = "tracker-compute"
            thread.start()
        }
    }

    private func workerLoop() {
        var seen = 0
        while true {
            let generation = waitForGeneration(after: seen)
            seen = generation
            work(generation: generation)
        }
    }

    /// Spins for `spinSeconds`, then sleeps until a generation after `seen` is published.
    private func waitForGeneration(after seen: Int) -> Int {
        let deadline = Self.monotonicNow() + Self.spinSeconds
        var spins = 0
        while true {
            let generation = claims.load(ordering: .acquiring) >> Self.indexBits
            if generation != seen { return generation }
            spins += 1
            if spins & 255 == 0, Self.monotonicNow() > deadline { break }
        }
        wakeUp.lock()
        defer { wakeUp.unlock() }
        sleepers.add(1, ordering: .sequentiallyConsistent)
        defer { sleepers.subtract(1, ordering: .relaxed) }
        while true {
            let generation = claims.load(ordering: .sequentiallyConsistent) >> Self.indexBits
            if generation != seen { return generation }
            wakeUp.wait()
        }
    }

    private static func monotonicNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
