import Foundation

/// One option's value in a sweep setting, as `tracker train` reads it: a
/// number, some text, or a flag given alone (`--batchnorm`).
///
/// In JSON a number is a JSON number, text a string and a flag `true`, so
/// `json_extract(space, '$.wd.values')` gives numbers SQL can compare.
public enum SweepValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case flag

    /// A typed value: finite numbers become `.number`, anything else `.text`.
    public init(parsing text: String) {
        if let number = Double(text), number.isFinite {
            self = .number(number)
        } else {
            self = .text(text)
        }
    }

    /// The text to give `tracker train`; nil for a flag, which takes none.
    /// Whole numbers print without a fraction (`64`, `0`) so that integer
    /// options read them; others print in Swift's shortest exact form.
    public var argument: String? {
        switch self {
        case .number(let value): Self.format(value)
        case .text(let text): text
        case .flag: nil
        }
    }

    public var description: String { argument ?? "true" }

    /// The texts a `TrainingSetup` takes for the option: none for a flag.
    public var texts: [String] { argument.map { [$0] } ?? [] }

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let flag = try? container.decode(Bool.self), flag {
            self = .flag
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let text): try container.encode(text)
        case .flag: try container.encode(true)
        }
    }
}

/// How a swept option's values are given: an explicit list (a grid axis, or
/// choices a random search draws from) or a range a random search samples.
public enum SweepDimension: Sendable, Equatable, Codable {
    case values([SweepValue])
    case range(lower: Double, upper: Double, scale: RangeScale, integer: Bool)

    public enum RangeScale: String, Sendable, Codable {
        case linear, log
    }

    // JSON: {"values": [0, 0.3, 0.5]} or {"range": [1e-05, 0.1], "scale": "log", "integer": false}.
    private enum CodingKeys: String, CodingKey {
        case values, range, scale, integer
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let values = try container.decodeIfPresent([SweepValue].self, forKey: .values) {
            self = .values(values)
            return
        }
        let bounds = try container.decode([Double].self, forKey: .range)
        guard bounds.count == 2 else {
            throw DecodingError.dataCorruptedError(forKey: .range, in: container, debugDescription: "a range has two bounds")
        }
        self = .range(
            lower: bounds[0], upper: bounds[1],
            scale: try container.decodeIfPresent(RangeScale.self, forKey: .scale) ?? .linear,
            integer: try container.decodeIfPresent(Bool.self, forKey: .integer) ?? false)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .values(let values):
            try container.encode(values, forKey: .values)
        case let .range(lower, upper, scale, integer):
            try container.encode([lower, upper], forKey: .range)
            try container.encode(scale, forKey: .scale)
            try container.encode(integer, forKey: .integer)
        }
    }

    /// How many values a grid takes from this dimension; nil for a range.
    var gridCount: Int? {
        if case .values(let values) = self { return values.count }
        return nil
    }
}
