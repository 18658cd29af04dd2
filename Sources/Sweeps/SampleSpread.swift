/// The mean and spread of replicate values: one definition for a sweep's
/// table and `tracker compare --by`, so the two never disagree.
public enum SampleSpread {
    /// The mean of the known values and their sample standard deviation
    /// (n - 1 in the denominator; nil for fewer than two values). Identical
    /// values have a spread of exactly 0: the rounding of their mean (0.9777
    /// summed and divided) would otherwise give 1e-16.
    public static func meanAndDeviation(_ values: [Double?]) -> (mean: Double?, sd: Double?) {
        let known = values.compactMap { $0 }
        guard !known.isEmpty else { return (nil, nil) }
        if known.allSatisfy({ $0 == known[0] }) { return (known[0], known.count > 1 ? 0 : nil) }
        let mean = known.reduce(0, +) / Double(known.count)
        guard known.count > 1 else { return (mean, nil) }
        // Two passes: the squares of the deviations, not of the values.
        let variance = known.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(known.count - 1)
        return (mean, variance.squareRoot())
    }
}
