import Foundation
import RunImport
import TrackerStore

/// Writes runs read from MLflow or TensorBoard into the tracker store,
/// idempotently: a run is keyed by (source, external id), and a point by
/// (metric, step), so importing again adds only what the source logged
/// since, and updates the run's status, end time, params, tags and notes.
///
/// Each run's points go in through the store's bulk path, which keeps
/// `run_summary` current as for any run. A run is written in a few
/// transactions (the row, its params, its points, its end): an import cut
/// short leaves whole points only, and the next import completes the run.
///
/// Status: MLflow's FINISHED, FAILED and KILLED map to finished, failed and
/// killed. A RUNNING run cannot be checked from here (its process may be on
/// another machine, or long gone): it imports as `crashed`, with an error
/// that says so, and becomes what MLflow says once it has ended there and
/// is imported again. NaN points are not stored (the store's rule: NaN is
/// a divergence, not a value); they are counted on the run
/// (`run_sources.rejected_points`), and a failed run with NaN points ends
/// with stop reason `diverged`.
public struct RunImporter {
    public let store: Store
    /// Puts every imported run in this group instead of the source's
    /// experiment or directory.
    public var groupOverride: String?

    public init(store: Store, groupOverride: String? = nil) {
        self.store = store
        self.groupOverride = groupOverride
    }

    /// Imports `runs` in order; `progress` is told after each run (done, total).
    public func importRuns(
        _ runs: [ImportedRun], progress: (_ done: Int, _ total: Int, _ run: ImportedRun) -> Void = { _, _, _ in }
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        for (index, run) in runs.enumerated() {
            let result = try importRun(run)
            switch result.outcome {
            case .created: summary.runsCreated += 1
            case .updated: summary.runsUpdated += 1
            case .unchanged: summary.runsUnchanged += 1
            }
            summary.pointsAdded += result.pointsAdded
            summary.nanPointsSkipped += result.nanPoints
            summary.warnings += run.warnings.map { "\(result.name): \($0)" }
            progress(index + 1, runs.count, run)
        }
        return summary
    }

    /// Imports one run; returns what happened and the run's tracker name.
    public func importRun(_ imported: ImportedRun) throws -> (outcome: ImportOutcome, name: String, pointsAdded: Int, nanPoints: Int) {
        let source = Self.runSource(imported.source)
        let existing = try store.run(source: source, externalID: imported.externalID)
        let run = try existing ?? createRun(imported, source: source)

        try store.setParams(imported.params.mapValues(Self.paramValue), for: run.id)
        try store.addTags(Self.tags(imported.tags), to: run.id)
        if let notes = imported.notes { try store.setNotes(run.id, notes) }
        if let group = groupOverride ?? imported.group, group != run.group { try store.setGroup(run.id, group) }

        let logged = existing == nil ? [] : try store.loggedSteps(of: run.id)
        var nanPoints = 0
        var fresh: [MetricPoint] = []
        for point in imported.metrics {
            if point.value.isNaN {
                nanPoints += 1
                continue
            }
            let step = Int(point.step)
            if !logged.contains(MetricStepKey(key: point.key, step: step)) {
                fresh.append(MetricPoint(key: point.key, step: step, value: point.value))
            }
        }
        try store.logMetrics(run.id, points: fresh)

        let (status, stopReason, error) = Self.ending(of: imported, nanPoints: nanPoints)
        try store.setImportedLife(
            of: run.id, status: status, stopReason: stopReason, startedAt: imported.startTime,
            endedAt: imported.endTime ?? imported.metrics.compactMap(\.timestamp).max(), error: error)
        var record = try store.sourceRecord(of: run.id) ?? RunSourceRecord()
        record.gitCommit = imported.gitCommit ?? record.gitCommit
        record.rejectedPoints = nanPoints
        try store.saveSourceRecord(record, for: run.id)

        let outcome: ImportOutcome =
            existing == nil ? .created : (!fresh.isEmpty || existing?.status != status) ? .updated : .unchanged
        return (outcome, run.name, fresh.count, nanPoints)
    }

    private func createRun(_ imported: ImportedRun, source: RunSource) throws -> Run {
        let name = try ImportedRunNames(store: store).name(for: imported)
        let run = try store.createRun(RunSpec(
            name: name, group: groupOverride ?? imported.group, notes: imported.notes,
            command: "imported from \(source.rawValue) run \(imported.externalID)"))
        try store.setOrigin(of: run.id, source: source, externalID: imported.externalID)
        // No local process owns an imported run.
        try store.setOwner(of: run.id, pid: nil)
        return run
    }

    static func ending(of run: ImportedRun, nanPoints: Int) -> (RunStatus, RunStopReason?, String?) {
        switch run.status {
        case .finished: (.finished, .completed, nil)
        case .failed: (.failed, nanPoints > 0 ? .diverged : .error, "failed in \(run.source.rawValue)")
        case .killed: (.killed, .interrupted, nil)
        case .running:
            (.crashed, .crashed,
             "still RUNNING in \(run.source.rawValue) when imported, with no end time; its process cannot be checked from here, so it counts as crashed until an import finds it ended")
        }
    }

    /// Source tags as tracker tags: "key=value", or the key alone when the value is empty.
    static func tags(_ tags: [String: String]) -> [String] {
        tags.sorted { $0.key < $1.key }.map { $0.value.isEmpty ? $0.key : "\($0.key)=\($0.value)" }
    }

    static func paramValue(_ value: ImportedValue) -> ParamValue {
        switch value {
        case .int(let integer): .integer(integer)
        case .real(let real): .real(real)
        case .text(let text): .text(text)
        }
    }

    static func runSource(_ source: ImportSource) -> RunSource {
        switch source {
        case .mlflow: .mlflow
        case .tensorboard: .tensorboard
        }
    }
}
