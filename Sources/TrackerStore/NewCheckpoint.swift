/// Checkpoint bytes not yet stored: what `logMetrics(_:points:checkpoints:whileRunning:)`
/// writes in the same transaction as a batch of metrics, so that the weights
/// of an epoch are never committed apart from that epoch's metrics.
public struct NewCheckpoint: Sendable {
    public let kind: StoredCheckpointKind
    public let step: Int
    public let bytes: [UInt8]

    public init(kind: StoredCheckpointKind, step: Int, bytes: [UInt8]) {
        self.kind = kind
        self.step = step
        self.bytes = bytes
    }
}
