import EngineRecording

/// The swept options' values for one trial: option name (without dashes)
/// to value. Seeds and folds are not part of it: replicates of a setting
/// share it.
public struct TrialSetting: Sendable, Hashable, Codable {
    public var values: [String: SweepValue]

    public init(_ values: [String: SweepValue]) {
        self.values = values
    }

    public subscript(option: String) -> SweepValue? { values[option] }

    /// `--batch-size 64 --wd 0.001`, options in key order.
    public var arguments: [String] {
        Self.arguments(values)
    }

    static func arguments(_ values: [String: SweepValue]) -> [String] {
        values.keys.sorted().flatMap { key in [Hyperparameters.displayFlag(key)] + (values[key]!.argument.map { [$0] } ?? []) }
    }

    /// `dropout=0.3 wd=0.001`, for tables.
    public var summary: String {
        values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: " ")
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: SweepValue].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
