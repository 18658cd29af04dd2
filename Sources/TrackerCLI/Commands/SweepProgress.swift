import Synchronization
import TrackerStore
import Plots
import Sweeps

/// One line per finished trial unit, with the overall count, written from
/// the worker threads. The lock serializes the count and the writes, so
/// lines never interleave; the write closure is touched only under it.
final class SweepProgress: @unchecked Sendable {
    private let state: Mutex<Int>
    private let total: Int
    private let objective: String
    private let write: (String) -> Void

    init(total: Int, objective: String, write: @escaping (String) -> Void) {
        state = Mutex(0)
        self.total = total
        self.objective = objective
        self.write = write
    }

    /// Any other line from a worker (an outside trial's bad input), serialized with the rest.
    func note(_ line: String) {
        state.withLock { _ in write(line + "\n") }
    }

    func finished(_ unit: TrialUnit, _ outcome: TrialOutcome) {
        state.withLock { done in
            done += 1
            var line = "[\(done)/\(total)] trial \(unit.trial) \(unit.setting.summary) seed \(unit.seed)"
            if let fold = unit.fold { line += " fold \(fold)" }
            line += ": \(objective) " + (outcome.objective.map(NumberFormatting.compact) ?? "-") + " \(outcome.status.rawValue)"
            write(line + "\n")
        }
    }
}
