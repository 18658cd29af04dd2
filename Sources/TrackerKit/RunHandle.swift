import Foundation
import Synchronization

/// One open run: log metrics per step, params, checkpoints, the kept step,
/// tags and notes, then finish it with a status.
///
/// Metrics are written in batches: one transaction per `flushInterval`
/// seconds (and always with a checkpoint and at the end). A checkpoint is
/// written in the same transaction as the metrics pending before it, so an
/// epoch's metrics and the weights they made best are committed together. A commit costs
/// about as much as an epoch of a small network, so one per step would
/// double a fast loop's time; a reader sees the run at most `flushInterval`
/// behind, and a crash loses at most that. The run's heartbeat rides in
/// those same transactions.
///
/// Concurrency: `Sendable`; every call takes the handle's lock, so steps
/// logged from several threads are all written (in the order the calls took
/// the lock).
public final class RunHandle: Sendable {
    /// A quarter of a second: live enough for someone watching, few enough
    /// commits to stay out of training's way.
    public static let defaultFlushInterval = 0.25

    /// The run's row as created (status `running`).
    public let run: Run
    /// The data set version the run was started with, if any.
    public let dataset: Dataset?
    /// Seconds of logging per metrics transaction; 0 commits every `log` call.
    public let flushInterval: Double
    public var id: RunID { run.id }
    public var name: String { run.name }

    private let connection: StoreConnection
    private let state: Mutex<State>

    private struct State: Sendable {
        var pending: [MetricPoint] = []
        /// Written by the next flush, in one transaction with `pending`.
        var pendingCheckpoints: [NewCheckpoint] = []
        var lastFlush: Double
        var endedAs: RunStatus?
    }

    init(run: Run, dataset: Dataset?, connection: StoreConnection, flushInterval: Double) {
        self.run = run
        self.dataset = dataset
        self.connection = connection
        self.flushInterval = flushInterval
        self.state = Mutex(State(lastFlush: Self.now()))
    }

    /// A handle that was never finished ends `failed`: a run must not stay
    /// `running` while the process that started it lives on.
    deinit {
        try? finishIfOpen(.failed, error: "the run's handle was released without finish(); end runs with finish() or withRun")
    }

    public var hasEnded: Bool { state.withLock { $0.endedAs != nil } }

    /// Records `metrics` at `step` (any names; `MetricKey` lists the standard
    /// ones). Written with the next flush.
    public func log(step: Int, _ metrics: [String: Double]) throws {
        try state.withLock { state in
            try requireOpen(state)
            Self.append(metrics, at: step, to: &state)
            if Self.now() - state.lastFlush >= flushInterval { try flush(&state) }
        }
    }

    /// Records `metrics` at `step` for the next flush, never writing them
    /// itself: for a caller that decides when to commit, such as one that
    /// must commit an epoch that improved on the best together with its
    /// weights (see `stageCheckpoint`).
    public func stage(step: Int, _ metrics: [String: Double]) throws {
        try state.withLock { state in
            try requireOpen(state)
            Self.append(metrics, at: step, to: &state)
        }
    }

    /// Holds checkpoint bytes for the next flush (or checkpoint save, or the
    /// end), which writes them in one transaction with the metrics pending:
    /// a reader or a crash sees both or neither.
    public func stageCheckpoint(bytes: [UInt8], step: Int, kind: StoredCheckpointKind) throws {
        try state.withLock { state in
            try requireOpen(state)
            state.pendingCheckpoints.append(NewCheckpoint(kind: kind, step: step, bytes: bytes))
        }
    }

    /// Writes the steps and checkpoints not yet in the database, in one
    /// transaction. After a failure they stay pending for the next try.
    public func flush() throws {
        try state.withLock { state in _ = try flush(&state) }
    }

    /// Adds or replaces hyperparameters.
    public func setParams(_ params: [String: ParamValue]) throws {
        try state.withLock { state in
            try requireOpen(state)
            try connection.use { try $0.setParams(params, for: id, whileRunning: true) }
        }
    }

    /// Stores checkpoint bytes content-addressed (identical bytes share one
    /// blob); a run keeps one `best` and one `last`, `periodic` and `manual`
    /// accumulate. Written in one transaction with the pending metrics (and
    /// staged checkpoints), which a failure leaves pending.
    @discardableResult
    public func saveCheckpoint(bytes: [UInt8], step: Int, kind: StoredCheckpointKind) throws -> StoredCheckpoint {
        try state.withLock { state in
            try requireOpen(state)
            state.pendingCheckpoints.append(NewCheckpoint(kind: kind, step: step, bytes: bytes))
            let saved = try flush(&state)
            // The flush saves the pending checkpoints in order: this one last.
            return saved[saved.count - 1]
        }
    }

    /// Records the step whose weights the final model holds, and so whose
    /// weights its test metrics were measured with (`kept_epoch` in
    /// `run_overview`). A run that never says keeps its last epoch's.
    public func markKept(step: Int) throws {
        try state.withLock { state in
            try requireOpen(state)
            try connection.use { try $0.setKeptStep(id, step: step, whileRunning: true) }
        }
    }

    /// Records the step of the best monitored value (`best_epoch` in
    /// `run_overview`), whether or not its weights were kept. Without it the
    /// epoch of minimum val_loss stands in.
    public func markBest(step: Int) throws {
        try state.withLock { state in
            try requireOpen(state)
            try connection.use { try $0.setBestStep(id, step: step, whileRunning: true) }
        }
    }

    public func addTags(_ tags: [String]) throws {
        try connection.use { try $0.addTags(tags, to: id) }
    }

    public func setNotes(_ notes: String?) throws {
        try connection.use { try $0.setNotes(id, notes) }
    }

    /// Records what the process behind an outside run left (git state,
    /// output tails, exit code, problem counts), replacing what was there;
    /// allowed after the run has ended, when the tails are known.
    public func saveSourceRecord(_ record: RunSourceRecord) throws {
        try connection.use { try $0.saveSourceRecord(record, for: id) }
    }

    /// Writes what is pending and ends the run. `stopReason` defaults to the
    /// status's usual one (finished: completed, failed: error, killed:
    /// interrupted, pruned: pruned). If the pending metrics cannot be
    /// written, the run still ends, `failed` with that error, which is thrown.
    public func finish(status: RunStatus = .finished, stopReason: RunStopReason? = nil, error: String? = nil) throws {
        guard status != .running else { throw TrackerError.runningIsNotAnEnd(name: name) }
        try state.withLock { state in
            try requireOpen(state)
            try end(&state, status: status, stopReason: stopReason, error: error)
        }
    }

    // MARK: Ending from withRun and deinit

    func finishIfOpen(_ status: RunStatus, error: String? = nil) throws {
        try state.withLock { state in
            guard state.endedAs == nil else { return }
            try end(&state, status: status, stopReason: nil, error: error)
        }
    }

    func endAfterThrow(_ error: any Error) {
        if error is CancellationError {
            try? finishIfOpen(.killed)
        } else {
            try? finishIfOpen(.failed, error: "\(error)")
        }
    }

    private func end(_ state: inout State, status: RunStatus, stopReason: RunStopReason?, error: String?) throws {
        do {
            try flush(&state)
        } catch let flushError {
            state.endedAs = .failed
            try? connection.use { try $0.finishRun(id, status: .failed, stopReason: .error, error: "\(flushError)") }
            throw flushError
        }
        try connection.use {
            try $0.finishRun(id, status: status, stopReason: stopReason ?? Self.usualStopReason(status), error: error)
        }
        state.endedAs = status
    }

    /// Returns the checkpoints it saved, in the order they were staged.
    @discardableResult
    private func flush(_ state: inout State) throws -> [StoredCheckpoint] {
        state.lastFlush = Self.now()
        guard !state.pending.isEmpty || !state.pendingCheckpoints.isEmpty else { return [] }
        let points = state.pending
        let checkpoints = state.pendingCheckpoints
        let saved = try connection.use {
            try $0.logMetrics(id, points: points, checkpoints: checkpoints, whileRunning: true)
        }
        state.pending.removeAll(keepingCapacity: true)
        state.pendingCheckpoints.removeAll()
        return saved
    }

    /// Sorted by name so that the same run always writes the same rows in the same order.
    private static func append(_ metrics: [String: Double], at step: Int, to state: inout State) {
        for key in metrics.keys.sorted() {
            state.pending.append(MetricPoint(key: key, step: step, value: metrics[key]!))
        }
    }

    private func requireOpen(_ state: State) throws {
        if let status = state.endedAs { throw TrackerError.runAlreadyEnded(name: name, status: status) }
    }

    /// The stop reason a status usually means (finished: completed, failed: error, ...).
    public static func usualStopReason(_ status: RunStatus) -> RunStopReason? {
        switch status {
        case .finished: .completed
        case .failed: .error
        case .killed: .interrupted
        case .pruned: .pruned
        case .crashed: .crashed
        case .running: nil
        }
    }

    private static func now() -> Double { ProcessInfo.processInfo.systemUptime }
}
