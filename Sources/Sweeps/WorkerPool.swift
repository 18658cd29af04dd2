import Foundation
import Synchronization
import TrackerStore

/// Runs a sweep's units concurrently: `workers` threads, each with its OWN
/// `Store` connection to the same database file, taking units in
/// plan order from a shared queue. WAL and the store's retrying IMMEDIATE
/// writes let them write in turn; none shares a connection.
public struct WorkerPool: Sendable {
    public var workers: Int
    public var databasePath: String
    public var storeOptions: Store.Options

    /// `--workers` when not given: one per core the process may use.
    public static var defaultWorkerCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    public init(workers: Int = WorkerPool.defaultWorkerCount, databasePath: String, storeOptions: Store.Options = .init()) {
        self.workers = max(1, workers)
        self.databasePath = databasePath
        self.storeOptions = storeOptions
    }

    /// Runs `units` to the end, or until `shouldStop` says so (checked before
    /// each unit is handed out; units already started finish their own way,
    /// e.g. an executor watching Ctrl-C marks its run killed). Each unit's
    /// `TrialControl` asks `shouldStop` too, and prunes by `pruning`.
    public func run(
        _ units: [TrialUnit], executor: some TrialExecutor, pruning: TrialPruning? = nil,
        shouldStop: @escaping @Sendable () -> Bool
    ) -> WorkerPoolReport {
        let queue = UnitQueue(units)
        guard !units.isEmpty else { return queue.report() }
        let finished = DispatchSemaphore(value: 0)
        let threadCount = min(workers, units.count)
        for index in 0..<threadCount {
            let thread = Thread { [databasePath, storeOptions] in
                defer { finished.signal() }
                Self.work(
                    queue: queue, databasePath: databasePath, options: storeOptions, executor: executor, pruning: pruning,
                    shouldStop: shouldStop)
            }
            thread.name = "sweep-worker-\(index)"
            // Training recurses little, but its kernels keep buffers on the stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
        for _ in 0..<threadCount { finished.wait() }
        return queue.report()
    }

    private static func work(
        queue: UnitQueue, databasePath: String, options: Store.Options, executor: some TrialExecutor,
        pruning: TrialPruning?, shouldStop: @escaping @Sendable () -> Bool
    ) {
        let store: Store
        do {
            store = try Store(path: databasePath, options: options)
        } catch {
            queue.recordWorkerFailure("a sweep worker could not open \(databasePath): \(error)")
            return
        }
        defer { store.close() }
        while !shouldStop(), let (index, unit) = queue.next() {
            do {
                let control = TrialControl(stopRequested: shouldStop, pruning: pruning)
                queue.record(index, .success(try executor.execute(unit, store: store, control: control)))
            } catch {
                queue.record(index, .failure(UnitFailure(unit: unit, message: "\(error)")))
            }
        }
        if shouldStop() { queue.markStopped() }
    }
}

/// What a pool run did, in plan order.
public struct WorkerPoolReport: Sendable {
    /// Units that ran, with their outcomes.
    public var outcomes: [(unit: TrialUnit, outcome: TrialOutcome)]
    /// Units whose executor threw, and workers that could not start.
    public var failures: [UnitFailure]
    /// Units never started because the pool was stopped.
    public var notStarted: [TrialUnit]
    public var wasStopped: Bool
}

public struct UnitFailure: Error, Sendable, CustomStringConvertible {
    /// nil when a worker failed before taking a unit.
    public var unit: TrialUnit?
    public var message: String
    public var description: String { message }
}

/// The units left to hand out and what came back; shared by the workers.
private final class UnitQueue: Sendable {
    private struct State {
        var units: [TrialUnit]
        var nextIndex = 0
        var results: [Int: Result<TrialOutcome, UnitFailure>] = [:]
        var workerFailures: [UnitFailure] = []
        var stopped = false
    }

    private let state: Mutex<State>

    init(_ units: [TrialUnit]) {
        state = Mutex(State(units: units))
    }

    func next() -> (Int, TrialUnit)? {
        state.withLock { state in
            guard state.nextIndex < state.units.count else { return nil }
            defer { state.nextIndex += 1 }
            return (state.nextIndex, state.units[state.nextIndex])
        }
    }

    func record(_ index: Int, _ result: Result<TrialOutcome, UnitFailure>) {
        state.withLock { $0.results[index] = result }
    }

    func recordWorkerFailure(_ message: String) {
        state.withLock { $0.workerFailures.append(UnitFailure(unit: nil, message: message)) }
    }

    func markStopped() {
        state.withLock { $0.stopped = true }
    }

    func report() -> WorkerPoolReport {
        state.withLock { state in
            var report = WorkerPoolReport(outcomes: [], failures: state.workerFailures, notStarted: [], wasStopped: state.stopped)
            for (index, unit) in state.units.enumerated() {
                switch state.results[index] {
                case .success(let outcome): report.outcomes.append((unit, outcome))
                case .failure(let failure): report.failures.append(failure)
                case nil: report.notStarted.append(unit)
                }
            }
            return report
        }
    }
}
