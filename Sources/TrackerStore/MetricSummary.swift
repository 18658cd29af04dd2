import SQLite

/// One row of `run_summary`: a metric's count, last value (at the highest
/// step), minimum and maximum with their steps.
public struct MetricSummary: Sendable, Equatable {
    public var count: Int
    public var lastStep: Int
    public var lastValue: Double
    public var minStep: Int
    public var minValue: Double
    public var maxStep: Int
    public var maxValue: Double

    public init(count: Int, lastStep: Int, lastValue: Double, minStep: Int, minValue: Double, maxStep: Int, maxValue: Double) {
        self.count = count
        self.lastStep = lastStep
        self.lastValue = lastValue
        self.minStep = minStep
        self.minValue = minValue
        self.maxStep = maxStep
        self.maxValue = maxValue
    }

    /// A summary of one point.
    init(step: Int, value: Double) {
        self.init(count: 1, lastStep: step, lastValue: value, minStep: step, minValue: value, maxStep: step, maxValue: value)
    }

    /// Folds in a later point.
    mutating func add(step: Int, value: Double) {
        merge(MetricSummary(step: step, value: value))
    }

    /// Folds in the summary of other points of the same metric, at other
    /// steps: the result is what one summary of all the points would be,
    /// whichever arrived first. Ties keep the earlier step.
    mutating func merge(_ other: MetricSummary) {
        count += other.count
        if other.lastStep >= lastStep { (lastStep, lastValue) = (other.lastStep, other.lastValue) }
        if other.minValue < minValue || (other.minValue == minValue && other.minStep < minStep) {
            (minStep, minValue) = (other.minStep, other.minValue)
        }
        if other.maxValue > maxValue || (other.maxValue == maxValue && other.maxStep < maxStep) {
            (maxStep, maxValue) = (other.maxStep, other.maxValue)
        }
    }

    /// The best value and its step for an objective's direction.
    public func best(_ direction: Direction) -> (step: Int, value: Double) {
        direction == .min ? (minStep, minValue) : (maxStep, maxValue)
    }
}

/// Whether smaller or larger values of a metric are better.
public enum Direction: String, Sendable, CaseIterable, Codable {
    case min, max
}
