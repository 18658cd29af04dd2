/// How a raw data set becomes train, validation and test splits.
///
/// Fractions are of all rows; nil means the default (0.2 each) for data sets
/// that are split by fraction, and "as designated" for data sets that fix
/// their own splits (the noisy sine), where giving a fraction is an error.
public struct SplitOptions: Sendable, Equatable {
    public static let defaultValidationFraction = 0.2
    public static let defaultTestFraction = 0.2

    public var validationFraction: Double?
    public var testFraction: Double?
    /// Decides which rows land in which split (and in which fold).
    public var seed: UInt64
    /// Keep each class's share the same in every split (classification only).
    public var stratify: Bool
    /// Overrides the data set's own feature scaling when set.
    public var scaling: FeatureScaling?

    public init(
        validationFraction: Double? = nil, testFraction: Double? = nil, seed: UInt64 = 0,
        stratify: Bool = true, scaling: FeatureScaling? = nil
    ) {
        self.validationFraction = validationFraction
        self.testFraction = testFraction
        self.seed = seed
        self.stratify = stratify
        self.scaling = scaling
    }

    /// Throws unless `fraction` is a finite number in [0, 1).
    static func check(_ fraction: Double?, key: String) throws {
        guard let fraction else { return }
        guard fraction.isFinite, fraction >= 0, fraction < 1 else {
            throw DataError.invalidOption(keys: [key], value: "\(fraction)", expected: "a fraction of the rows, at least 0 and below 1 (e.g. 0.2)")
        }
    }

    /// How many of `rows` rows a fraction takes: none for 0, otherwise the
    /// nearest whole number but at least one row.
    static func rowCount(_ fraction: Double, of rows: Int) -> Int {
        fraction == 0 ? 0 : max(1, Int((fraction * Double(rows)).rounded()))
    }
}
