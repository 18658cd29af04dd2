/// Which y scale a metric's curve starts in. Losses fall over orders of
/// magnitude and the interesting part (where val stops falling) is at the
/// small end, so they start on a log scale; accuracies and rates are linear.
public enum CurveScale {
    public static func prefersLog(metric: String) -> Bool {
        metric.hasSuffix("loss") || metric.hasSuffix("rmse")
    }

    /// Log when every metric shown prefers it (one axis serves them all).
    public static func prefersLog(metrics: [String]) -> Bool {
        !metrics.isEmpty && metrics.allSatisfy(prefersLog(metric:))
    }
}
