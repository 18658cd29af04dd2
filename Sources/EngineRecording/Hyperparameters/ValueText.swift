import Plots

/// Typed values from an option's text, with the expectations the CLI has
/// always printed ("a number in [0, 1)", "an integer >= 1").
enum ValueText {
    /// The values an option accepts, with either end open or closed.
    struct Bounds: Sendable {
        var lower: (value: Double, inclusive: Bool)?
        var upper: (value: Double, inclusive: Bool)?

        static func atLeast(_ value: Double) -> Bounds { Bounds(lower: (value, true)) }
        static func greaterThan(_ value: Double) -> Bounds { Bounds(lower: (value, false)) }
        /// `[lower, upper)`, e.g. a dropout rate: 0 allowed, 1 not.
        static func from(_ lower: Double, below upper: Double) -> Bounds { Bounds(lower: (lower, true), upper: (upper, false)) }
        /// `(lower, upper]`, e.g. a subset fraction.
        static func above(_ lower: Double, upTo upper: Double) -> Bounds { Bounds(lower: (lower, false), upper: (upper, true)) }

        func contains(_ value: Double) -> Bool {
            if let lower, lower.inclusive ? value < lower.value : value <= lower.value { return false }
            if let upper, upper.inclusive ? value > upper.value : value >= upper.value { return false }
            return true
        }

        func expectation(noun: String, integers: Bool) -> String {
            func text(_ value: Double) -> String { integers ? String(Int(value)) : NumberFormatting.exact(value) }
            switch (lower, upper) {
            case let (lower?, upper?):
                return "\(noun) in \(lower.inclusive ? "[" : "(")\(text(lower.value)), \(text(upper.value))\(upper.inclusive ? "]" : ")")"
            case let (lower?, nil):
                return "\(noun) \(lower.inclusive ? ">=" : ">") \(text(lower.value))"
            case let (nil, upper?):
                return "\(noun) \(upper.inclusive ? "<=" : "<") \(text(upper.value))"
            case (nil, nil):
                return noun
            }
        }
    }

    static let numberExpectation = "a number such as 0.3 or 1e-3"
    static let integerExpectation = "an integer such as 64"

    /// Finite numbers only: `nan` and `inf` mean nothing for any option.
    static func finite(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func number(_ text: String, _ key: String, _ bounds: Bounds) throws(HyperparameterError) -> Double {
        guard let value = finite(text) else { throw .invalidValue(key: key, value: text, expected: numberExpectation) }
        guard bounds.contains(value) else {
            throw .invalidValue(key: key, value: text, expected: bounds.expectation(noun: "a number", integers: false))
        }
        return value
    }

    static func integer(_ text: String, _ key: String, _ bounds: Bounds) throws(HyperparameterError) -> Int {
        guard let value = Int(text) else { throw .invalidValue(key: key, value: text, expected: integerExpectation) }
        guard bounds.contains(Double(value)) else {
            throw .invalidValue(key: key, value: text, expected: bounds.expectation(noun: "an integer", integers: true))
        }
        return value
    }

    /// A seed: an integer >= 0.
    static func seed(_ text: String, _ key: String) throws(HyperparameterError) -> UInt64 {
        UInt64(try integer(text, key, .atLeast(0)))
    }

    /// `--dropout 0.2,0.5`: every item a number within `bounds`.
    static func numbers(_ text: String, _ key: String, _ bounds: Bounds) throws(HyperparameterError) -> [Double] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { finite($0.trimmingCharacters(in: .whitespaces)) }
        guard items.allSatisfy({ $0 != nil }) else {
            throw .invalidValue(key: key, value: text, expected: "a comma-separated list where each item is \(numberExpectation)")
        }
        let values = items.map { $0! }
        if let outside = values.first(where: { !bounds.contains($0) }) {
            throw .invalidValue(key: key, value: NumberFormatting.exact(outside), expected: bounds.expectation(noun: "a number", integers: false))
        }
        return values
    }

    /// `--hidden 64,64`: every item an integer within `bounds`.
    static func integers(_ text: String, _ key: String, _ bounds: Bounds) throws(HyperparameterError) -> [Int] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard items.allSatisfy({ $0 != nil }) else {
            throw .invalidValue(key: key, value: text, expected: "a comma-separated list where each item is \(integerExpectation)")
        }
        let values = items.map { $0! }
        if let outside = values.first(where: { !bounds.contains(Double($0)) }) {
            throw .invalidValue(key: key, value: String(outside), expected: bounds.expectation(noun: "an integer", integers: true))
        }
        return values
    }

    /// One case of an enumeration by its raw value.
    static func choice<Choice: CaseIterable & RawRepresentable>(
        _ text: String, _ key: String, as type: Choice.Type
    ) throws(HyperparameterError) -> Choice where Choice.RawValue == String {
        guard let value = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue)
            throw .invalidValue(key: key, value: text, expected: "one of " + names.joined(separator: ", "), choices: names)
        }
        return value
    }

    static func nonEmpty(_ text: String, _ key: String, hint: String = "give it some text or leave it out") throws(HyperparameterError) -> String {
        if text.isEmpty { throw .empty(key: key, hint: hint) }
        return text
    }
}
