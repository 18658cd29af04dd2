import Foundation

/// The one tick algorithm of every figure and chart (SVG and terminal).
/// Tick values people can read at a glance: multiples of 1, 2, 2.5 or 5 times
/// a power of ten on a linear axis; powers of ten on a log axis, with 2x and
/// 5x (or 3x) in between when the range spans few decades.
public enum AxisTicks {
    /// About `count` round values within `lower...upper`.
    public static func linear(from lower: Double, to upper: Double, count: Int) -> [Double] {
        guard upper > lower, count >= 2 else { return [lower] }
        let step = niceStep((upper - lower) / Double(count - 1))
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard first <= last else { return [lower, upper] }
        // An integer times the step each time, so rounding errors do not pile
        // up; a zero that came out as -0 (from -0.4 rounded up) is written 0.
        return stride(from: first, through: last, by: 1).map { $0 == 0 ? 0 : $0 * step }
    }

    /// Round values within `lower...upper` (values, not logs) for a log axis.
    public static func logarithmic(from lower: Double, to upper: Double, count: Int) -> [Double] {
        guard lower > 0, upper > lower else { return [lower] }
        let decades = Int(log10(lower).rounded(.down))...Int(log10(upper).rounded(.up))
        func ticks(_ mantissas: [Double]) -> [Double] {
            var values: [Double] = []
            for decade in decades {
                // Dividing by 10^n for negative decades keeps 0.3 exactly 0.3.
                let power = pow(10, Double(abs(decade)))
                for mantissa in mantissas {
                    let value = decade < 0 ? mantissa / power : mantissa * power
                    if value >= lower * (1 - 1e-12), value <= upper * (1 + 1e-12) { values.append(value) }
                }
            }
            return values
        }
        for mantissas in [[1.0], [1, 3], [1, 2, 5]] {
            let candidates = ticks(mantissas)
            if candidates.count >= min(3, count) { return candidates }
        }
        let dense = ticks([1, 2, 5])
        return dense.count >= 2 ? dense : linear(from: lower, to: upper, count: count)
    }

    /// The one of 1, 2, 2.5, 5, 10 (times a power of ten) nearest to `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, log10(raw).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
        return nice * magnitude
    }
}
