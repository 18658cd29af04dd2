/// A type an argument's text converts to. A failed conversion becomes a usage
/// error naming the option, the value and `expectation`.
public protocol ArgumentValue {
    init?(argument: String)
    /// What a valid value looks like, completing "expected ...".
    static var expectation: String { get }
}

extension String: ArgumentValue {
    public init?(argument: String) { self = argument }
    public static var expectation: String { "some text" }
}

extension Int: ArgumentValue {
    public init?(argument: String) { self.init(argument) }
    public static var expectation: String { "an integer such as 64" }
}

extension Double: ArgumentValue {
    /// Accepts what a user writes for a hyperparameter (`0.3`, `.5`, `1e-3`);
    /// refuses `nan` and `inf`, which no option of ours can mean.
    public init?(argument: String) {
        guard let value = Double(argument), value.isFinite else { return nil }
        self = value
    }

    public static var expectation: String { "a number such as 0.3 or 1e-3" }
}

/// An enumeration given on the command line by its raw value; help and errors
/// list the valid choices.
public protocol ArgumentChoice: ArgumentValue, CaseIterable, RawRepresentable, Sendable where RawValue == String {
    /// The placeholder in help: `--optimizer <optimizer>`.
    static var valueName: String { get }
}

extension ArgumentChoice {
    public init?(argument: String) { self.init(rawValue: argument) }

    public static var expectation: String {
        "one of " + allCases.map(\.rawValue).joined(separator: ", ")
    }
}
