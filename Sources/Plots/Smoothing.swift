import Foundation

/// TensorBoard's smoothing: an exponential moving average debiased for its
/// zero start, so the first smoothed values are not dragged toward 0.
///
///     s_t = w * s_{t-1} + (1 - w) * x_t,   s_0 = 0,   shown: s_t / (1 - w^t)
///
/// Always computed on a curve's full history, before any downsampling: the
/// smoothed value at a step then depends only on the points up to that step,
/// never on which points a figure happens to keep.
public enum Smoothing {
    /// The smoothed values, aligned with `values`. `weight` is clamped to
    /// [0, 1); 0 returns the values unchanged. A non-finite value (a NaN loss
    /// from a diverged run) is passed through and does not enter the average,
    /// so one bad epoch does not poison every later smoothed value.
    public static func debiasedEMA(_ values: [Double], weight: Double) -> [Double] {
        let w = min(max(weight.isFinite ? weight : 0, 0), 0.999_999)
        guard w > 0 else { return values }
        var smoothed: [Double] = []
        smoothed.reserveCapacity(values.count)
        var average = 0.0
        var weightPower = 1.0  // w^t, kept as a running product
        for value in values {
            guard value.isFinite else {
                smoothed.append(value)
                continue
            }
            average = w * average + (1 - w) * value
            weightPower *= w
            smoothed.append(average / (1 - weightPower))
        }
        return smoothed
    }
}
