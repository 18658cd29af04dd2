/// How to read a CSV's target column.
public enum TargetKind: String, Sendable, CaseIterable {
    /// Classes when the column holds text labels, or whole numbers with at
    /// most `CSVDataset.maximumAutomaticClasses` distinct values; a regression
    /// target otherwise.
    case automatic
    case regression
    case classification
}
