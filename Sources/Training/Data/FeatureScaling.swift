/// How features are standardized with the training split's statistics.
public enum FeatureScaling: String, Sendable, CaseIterable {
    /// Each feature to mean 0 and standard deviation 1 (tabular data).
    case perFeature = "per-feature"
    /// One mean and one standard deviation over all features, so that the
    /// pixels of an image stay comparable (shifts and cutout move values
    /// between columns).
    case pooled
    /// Features kept in their original units.
    case unchanged
}
