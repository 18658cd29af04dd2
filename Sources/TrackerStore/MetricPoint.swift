// The standard metric names are part of the store's vocabulary (objectives,
// summaries); re-exported so that callers need not import MetricNames too.
@_exported import MetricNames

/// One value of one metric at one step (epoch) of a run.
public struct MetricPoint: Sendable, Equatable {
    public var key: String
    public var step: Int
    public var value: Double

    public init(key: String, step: Int, value: Double) {
        self.key = key
        self.step = step
        self.value = value
    }
}
