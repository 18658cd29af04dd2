import TrackerStore

// TrackerStore and Training both name a `CheckpointKind`, a `StopReason` and
// a `Checkpoint`, and the module TrackerStore's main class shadows its module
// name, so `TrackerStore.StopReason` cannot be written. This file imports only
// the store, so these names resolve to its types.
typealias StoreCheckpointKind = CheckpointKind
typealias StoreStopReason = StopReason
typealias StoredCheckpoint = Checkpoint
