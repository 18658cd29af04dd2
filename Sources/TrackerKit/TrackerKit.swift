// TrackerKit is the store seen from a training loop; its values (RunID,
// ParamValue, RunStatus, MetricKey, DatasetSpec, StoredCheckpointKind) are the
// store's own, so `import TrackerKit` is all a loop needs.
@_exported import TrackerStore
