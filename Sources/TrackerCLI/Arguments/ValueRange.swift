import Plots

/// A number type whose options can be limited to a range, so that bad values
/// (`--dropout 1.2`, `--epochs 0`) are refused while parsing, before any work.
public protocol NumericArgument: ArgumentValue, Comparable, Sendable {
    /// "a number" or "an integer", to complete "expected ... in [0, 1)".
    static var noun: String { get }
    /// The value as a user would type it.
    var argumentText: String { get }
}

extension Int: NumericArgument {
    public static var noun: String { "an integer" }
    public var argumentText: String { String(self) }
}

extension Double: NumericArgument {
    public static var noun: String { "a number" }
    public var argumentText: String { NumberFormatting.exact(self) }
}

/// The values an option accepts, with either end open or closed.
public struct ValueRange<Value: NumericArgument>: Sendable {
    public var lower: (value: Value, inclusive: Bool)?
    public var upper: (value: Value, inclusive: Bool)?

    public static func atLeast(_ value: Value) -> ValueRange { ValueRange(lower: (value, true)) }
    public static func greaterThan(_ value: Value) -> ValueRange { ValueRange(lower: (value, false)) }
    /// `lower...upper`.
    public static func between(_ lower: Value, _ upper: Value) -> ValueRange {
        ValueRange(lower: (lower, true), upper: (upper, true))
    }
    /// `lower..<upper`, e.g. a dropout rate: 0 allowed, 1 not.
    public static func from(_ lower: Value, below upper: Value) -> ValueRange {
        ValueRange(lower: (lower, true), upper: (upper, false))
    }

    public func contains(_ value: Value) -> Bool {
        if let lower, lower.inclusive ? value < lower.value : value <= lower.value { return false }
        if let upper, upper.inclusive ? value > upper.value : value >= upper.value { return false }
        return true
    }

    /// "a number in [0, 1)", "an integer >= 1", "a number > 0".
    public var expectation: String {
        switch (lower, upper) {
        case let (lower?, upper?):
            "\(Value.noun) in \(lower.inclusive ? "[" : "(")\(lower.value.argumentText), \(upper.value.argumentText)\(upper.inclusive ? "]" : ")")"
        case let (lower?, nil):
            "\(Value.noun) \(lower.inclusive ? ">=" : ">") \(lower.value.argumentText)"
        case let (nil, upper?):
            "\(Value.noun) \(upper.inclusive ? "<=" : "<") \(upper.value.argumentText)"
        case (nil, nil):
            Value.expectation
        }
    }
}
