/// One run's `run_summary` rows as this store last committed or read them,
/// and how one logging call changes them. Held by `SummaryCache`.
struct RunSummaries {
    struct Row {
        let keyID: Int64
        var summary: MetricSummary
        /// The metric's value at the run's best epoch (`run_summary.value_at_best`).
        var valueAtBest: Double?
    }

    /// Few metrics per run: a linear search beats hashing.
    var rows: [Row] = []

    func index(of keyID: Int64) -> Int? {
        rows.firstIndex { $0.keyID == keyID }
    }

    /// The best epoch: the step of the minimum val_loss, if any.
    func bestStep(valLossKey: Int64) -> Int? {
        index(of: valLossKey).map { rows[$0].summary.minStep }
    }

    /// What one call changes: the rows to write (indices past the rows
    /// stored before the call are new), and the rows whose value at a moved
    /// best epoch must be read from history because the call did not log it.
    struct Changes {
        var written: [Int] = []
        var valueAtBestFromHistory: [Int] = []
    }

    /// Folds one call's per-metric summaries in, then brings the values at
    /// the best epoch up to date from the call's own points. When the best
    /// epoch moved, a metric the call did not log there may have been logged
    /// there by an earlier call: those are left to the caller to look up.
    mutating func fold(
        _ batch: [(keyID: Int64, summary: MetricSummary)], points: [MetricPoint], keyIDs: [Int64], valLossKey: Int64
    ) -> Changes {
        let storedCount = rows.count
        let bestBefore = bestStep(valLossKey: valLossKey)
        var changes = Changes()
        changes.written.reserveCapacity(storedCount + batch.count)
        for (keyID, summary) in batch {
            if let index = index(of: keyID) {
                rows[index].summary.merge(summary)
                changes.written.append(index)
            } else {
                rows.append(Row(keyID: keyID, summary: summary, valueAtBest: nil))
                changes.written.append(rows.count - 1)
            }
        }
        guard let best = bestStep(valLossKey: valLossKey) else { return changes }
        var loggedAtBest: [Int] = []
        for (point, keyID) in zip(points, keyIDs) where point.step == best {
            // Every key of the call has a row now, and is already in `written`.
            let index = index(of: keyID)!
            rows[index].valueAtBest = point.value
            loggedAtBest.append(index)
        }
        if best != bestBefore {
            // A row new in this call has no history before it: nil is right.
            for index in 0..<storedCount where !loggedAtBest.contains(index) {
                changes.valueAtBestFromHistory.append(index)
                if !changes.written.contains(index) { changes.written.append(index) }
            }
        }
        return changes
    }
}
