import Foundation

/// Mean and standard deviation over several runs (replicates that differ
/// only in seed) at each step: the "mean ± sd over seeds" band.
///
/// Only steps that every member logged are used, so the band never mixes a
/// mean over five runs with one over two where some stopped early; `memberCount`
/// is the n a figure should state.
public struct MeanBand: Sendable, Equatable {
    public var steps: [Double]
    public var mean: [Double]
    /// Sample standard deviation (n - 1); 0 with one member.
    public var sd: [Double]
    public var memberCount: Int

    public init(steps: [Double], mean: [Double], sd: [Double], memberCount: Int) {
        self.steps = steps
        self.mean = mean
        self.sd = sd
        self.memberCount = memberCount
    }

    /// The band over `members`, each a list of (step, value) points; steps
    /// where any member's value is missing or not finite are left out.
    public init(members: [[ChartPoint]]) {
        var valuesByStep: [Double: [Double]] = [:]
        for member in members {
            var seen = Set<Double>()
            for point in member where point.y.isFinite && seen.insert(point.x).inserted {
                valuesByStep[point.x, default: []].append(point.y)
            }
        }
        let shared = valuesByStep.filter { $0.value.count == members.count }.keys.sorted()
        var mean: [Double] = [], sd: [Double] = []
        for step in shared {
            let values = valuesByStep[step]!
            let average = values.reduce(0, +) / Double(values.count)
            mean.append(average)
            let squares = values.reduce(0) { $0 + ($1 - average) * ($1 - average) }
            sd.append(values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : 0)
        }
        self.init(steps: shared, mean: mean, sd: sd, memberCount: members.count)
    }
}
