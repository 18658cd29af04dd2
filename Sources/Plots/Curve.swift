/// One metric's history as a figure draws it: the raw values and their
/// smoothed values, computed once on the full history (see `Smoothing`).
public struct Curve: Sendable, Equatable {
    public var name: String
    public var steps: [Double]
    public var values: [Double]
    /// Aligned with `values`; equal to them when smoothing is off.
    public var smoothed: [Double]

    /// Sorts by step and smooths the whole history with `smoothing` (0: none).
    public init(name: String, points: [ChartPoint], smoothing: Double = 0) {
        let sorted = points.sorted { $0.x < $1.x }
        self.name = name
        self.steps = sorted.map(\.x)
        self.values = sorted.map(\.y)
        self.smoothed = Smoothing.debiasedEMA(values, weight: smoothing)
    }

    public init(name: String, steps: [Double], values: [Double], smoothed: [Double]) {
        self.name = name
        self.steps = steps
        self.values = values
        self.smoothed = smoothed
    }

    public var count: Int { steps.count }

    /// At most about `2 * buckets + 2` points, keeping each bucket's raw and
    /// smoothed extremes; the smoothed values are the full history's at the
    /// kept steps, so downsampling never shifts the smoothed curve.
    public func downsampled(buckets: Int) -> Curve {
        let kept = Downsampling.minMaxIndices(xs: steps, series: [values, smoothed], buckets: buckets)
        guard kept.count < count else { return self }
        return Curve(name: name, steps: kept.map { steps[$0] }, values: kept.map { values[$0] }, smoothed: kept.map { smoothed[$0] })
    }

    /// The points after `step` (for a live page that has everything up to it).
    public func after(step: Double) -> Curve {
        let start = steps.firstIndex { $0 > step } ?? count
        return Curve(name: name, steps: Array(steps[start...]), values: Array(values[start...]), smoothed: Array(smoothed[start...]))
    }
}
