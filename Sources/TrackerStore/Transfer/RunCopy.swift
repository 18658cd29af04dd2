/// Everything one run is, read from one store to be written into another
/// (`RunTransfer`): its row, params, tags, full metric history, summaries
/// as stored, checkpoints with their bytes, what its process left
/// (`run_sources`), and the data set and sweep it belongs to.
struct RunCopy {
    /// As the source presents it: a run found dead is crashed here even
    /// when the source was opened read-only and could not mark it.
    var run: Run
    /// Who wrote the run (`ProcessIdentity`'s columns beyond host and pid).
    var processStarted: Int64?
    var bootID: String?
    var machineID: String?
    var pidNamespace: String?
    var resumedAtStep: Int?
    var origin: RunSource?
    var externalID: String?
    var params: [String: ParamValue]
    var tags: [String]
    /// Grouped by metric, in step order: the order the bulk insert wants.
    var points: [MetricPoint]
    var summaries: [SummaryCopy]
    var checkpoints: [CheckpointCopy]
    var sourceRecord: RunSourceRecord?
    var dataset: Dataset?
    var sweep: SweepCopy?

    /// Metric names the copy needs interned in the target.
    var metricNames: Set<String> {
        Set(points.map(\.key)).union(summaries.map(\.key))
    }
}

/// One `run_summary` row by metric name, kept as stored rather than folded
/// again, so that the copy's summaries equal the original's exactly.
struct SummaryCopy {
    var key: String
    var summary: MetricSummary
    var valueAtBest: Double?
}

/// One checkpoint and its bytes, checked against their SHA-256 when read.
struct CheckpointCopy {
    var checkpoint: StoredCheckpoint
    var bytes: [UInt8]
}

/// A sweep with what its row holds beyond `Sweep`, and the global ids of
/// its parent and children, so that lineage is kept across stores when
/// both ends of a link are pushed (in either order).
struct SweepCopy {
    var sweep: Sweep
    var dataset: Dataset?
    var parentUUID: String?
    var childUUIDs: [String]
    var host: String?
    var pid: Int64?
    var processStarted: Int64?
    var bootID: String?
    var machineID: String?
    var pidNamespace: String?
}
