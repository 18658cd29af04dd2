import TrackerStore

/// Everything `tracker show` tells about one run, gathered in one place so
/// the text and the JSON views cannot disagree.
struct RunDetails {
    var run: Run
    var dataset: Dataset?
    var params: [(key: String, value: ParamValue)]
    /// Metric name, summary and value at the run's best epoch, in key order.
    var metrics: [(name: String, summary: MetricSummary, atBest: Double?)]
    /// The epoch of the best monitored value; `atBest` values are read there.
    var bestEpoch: Int?
    /// The epoch whose weights the final model holds (test metrics use them).
    var keptEpoch: Int?
    /// Metric points without summaries: written by other means, shown after `tracker reindex`.
    var hasUnsummarizedMetrics: Bool
    var checkpoints: [StoredCheckpoint]
    var tags: [String]
    var sweep: Sweep?
    /// The re-tuning chain ending at the run's sweep, oldest first.
    var sweepLineage: [Sweep]
    /// The epoch `train --resume` continued the run from, if it was resumed.
    var resumedAtStep: Int?
    /// Where a run from outside the engine came from (nil for engine runs).
    var origin: (source: RunSource?, externalID: String?)
    /// What the process of an outside run left: git state, exit code, output tails.
    var sourceRecord: RunSourceRecord?

    init(run: Run, store: Store) throws {
        self.run = run
        dataset = try run.datasetID.map(store.dataset(id:))
        params = try store.params(of: run.id).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        // The comparison query knows each metric's value at the best epoch.
        let comparison = try store.comparison(RunFilter(runIDs: [run.id]))
        let row = comparison.rows.first
        bestEpoch = row?.bestStep
        keptEpoch = run.keptStep
        metrics = comparison.metricNames.compactMap { name in
            guard let row, let summary = comparison.summary(name, of: row) else { return nil }
            return (name, summary, comparison.valueAtBest(name, of: row))
        }
        hasUnsummarizedMetrics = try metrics.isEmpty && !store.runsMissingSummaries(RunFilter(runIDs: [run.id])).isEmpty
        checkpoints = try store.checkpoints(of: run.id)
        tags = try store.tags(of: run.id)
        sweep = try run.sweepID.map(store.sweep(id:))
        sweepLineage = try sweep.map { try store.sweepLineage(of: $0.id) } ?? []
        resumedAtStep = try store.resumedAtStep(of: run.id)
        origin = try store.origin(of: run.id)
        sourceRecord = try store.sourceRecord(of: run.id)
    }

    var epochs: Int? {
        metrics.first { $0.name == MetricKey.trainLoss }?.summary.lastStep ?? metrics.map(\.summary.lastStep).max()
    }

    /// "148; weights kept from epoch 200 (last)": the best epoch and, apart
    /// from it, the epoch whose weights were kept.
    var bestEpochLabel: String? {
        guard let bestEpoch else { return keptEpoch.map { "unknown; weights kept from epoch \($0)" } }
        guard let keptEpoch else { return "\(bestEpoch)" }
        if keptEpoch == bestEpoch { return "\(bestEpoch) (its weights kept)" }
        let last = keptEpoch == epochs ? " (last)" : ""
        return "\(bestEpoch); weights kept from epoch \(keptEpoch)\(last)"
    }

    /// `val_loss - train_eval_loss` at the best epoch, both measured in eval
    /// mode; nil for runs that logged no `train_eval_loss`.
    var gap: Double? {
        func atBest(_ name: String) -> Double? { metrics.first { $0.name == name }?.atBest }
        guard let val = atBest(MetricKey.valLoss), let train = atBest(MetricKey.trainEvalLoss) else { return nil }
        return val - train
    }

    var datasetLabel: String? {
        guard let dataset else { return nil }
        return "\(dataset.name) v\(dataset.version) (\(dataset.rows) rows, \(dataset.features) features, \(dataset.task.rawValue), fingerprint \(dataset.fingerprint.prefix(12)))"
    }

    /// "mlflow, id 3a46e6b0..." or "exec".
    var originLabel: String? {
        guard let source = origin.source else { return nil }
        return origin.externalID.map { "\(source.rawValue), id \($0)" } ?? source.rawValue
    }

    var gitLabel: String? {
        guard let record = sourceRecord, let commit = record.gitCommit else { return nil }
        let dirty = record.gitDirty == true
            ? (record.gitDiffTruncated ? " (dirty; diff kept, truncated)" : " (dirty; diff kept)") : ""
        return String(commit.prefix(12)) + dirty
    }

    /// Lines of the protocol that were not messages and points not stored, when there were any.
    var problemsLabel: String? {
        guard let record = sourceRecord, record.malformedLines > 0 || record.rejectedPoints > 0 else { return nil }
        var parts: [String] = []
        if record.malformedLines > 0 { parts.append("\(record.malformedLines) malformed line\(record.malformedLines == 1 ? "" : "s") ignored") }
        if record.rejectedPoints > 0 { parts.append("\(record.rejectedPoints) point\(record.rejectedPoints == 1 ? "" : "s") not stored (NaN or a repeated step)") }
        return parts.joined(separator: "; ")
    }

    var statusLabel: String {
        guard let reason = run.stopReason else { return run.status.rawValue }
        return "\(run.status.rawValue) (\(reason.rawValue.replacing("_", with: " ")))"
    }

    var lineageLabel: String? {
        guard let sweep else { return nil }
        var text = "sweep \(sweep.id) '\(sweep.name)'"
        if let trial = run.trial { text += ", trial \(trial)" }
        if let fold = run.fold { text += ", fold \(fold)" }
        if sweepLineage.count > 1 {
            text += "; re-tunes " + sweepLineage.dropLast().map { "\($0.id) '\($0.name)'" }.joined(separator: " -> ")
        }
        return text
    }
}
