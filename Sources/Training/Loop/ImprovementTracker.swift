/// Tracks the best value of the monitored metric and how long ago it was
/// seen; early stopping and the "best" checkpoint both use it.
struct ImprovementTracker {
    let monitor: String
    let mode: MonitorMode
    let minDelta: Double
    var bestValue: Double?
    var bestEpoch: Int?
    var epochsSinceImprovement = 0

    /// An improvement must beat the best by more than `minDelta` in the mode's direction.
    mutating func record(_ value: Double, epoch: Int) -> Bool {
        let improved = switch (bestValue, mode) {
        case (nil, _): true
        case (let best?, .min): value < best - minDelta
        case (let best?, .max): value > best + minDelta
        }
        if improved {
            bestValue = value
            bestEpoch = epoch
            epochsSinceImprovement = 0
        } else {
            epochsSinceImprovement += 1
        }
        return improved
    }
}
