/// A named argument: `--name value` (an option) or `--name` alone (a flag).
public struct OptionSpec: Sendable {
    public enum Kind: Sendable, Equatable {
        /// Takes a value, shown in help as `<valueName>`.
        case option(valueName: String)
        /// Takes no value; present or absent.
        case flag
    }

    /// The long name without dashes: `wd` for `--wd`.
    public var name: String
    public var short: Character?
    public var kind: Kind
    public var help: String
    /// The default, written as a user would type it: help shows it, and the
    /// parser converts it exactly like a typed value when the option is absent,
    /// so the shown default and the used one cannot drift apart.
    public var defaultValue: String?
    public var isRepeatable: Bool
    public var isRequired: Bool
    /// The accepted values, for enumerations; help lists them and the parser
    /// rejects anything else with the list.
    public var choices: [String]?
    /// The help section that lists the option ("Regularization" shows as
    /// REGULARIZATION OPTIONS); `nil` lists it under plain OPTIONS.
    public var group: String?

    public init(
        _ name: String,
        short: Character? = nil,
        valueName: String,
        help: String,
        defaultValue: String? = nil,
        choices: [String]? = nil,
        isRepeatable: Bool = false,
        isRequired: Bool = false
    ) {
        self.name = name
        self.short = short
        self.kind = .option(valueName: valueName)
        self.help = help
        self.defaultValue = defaultValue
        self.choices = choices
        self.isRepeatable = isRepeatable
        self.isRequired = isRequired
    }

    /// An option whose value is one of an enumeration's cases.
    public init<Choice: ArgumentChoice>(
        _ name: String,
        short: Character? = nil,
        choice: Choice.Type,
        help: String,
        default defaultValue: Choice? = nil,
        isRepeatable: Bool = false
    ) {
        self.init(
            name, short: short, valueName: Choice.valueName, help: help,
            defaultValue: defaultValue?.rawValue,
            choices: Choice.allCases.map(\.rawValue), isRepeatable: isRepeatable)
    }

    public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        var spec = OptionSpec(name, short: short, valueName: "", help: help)
        spec.kind = .flag
        return spec
    }

    public static let help = OptionSpec.flag("help", short: "h", help: "Show help information.")

    public var takesValue: Bool { kind != .flag }

    /// `--wd` or `-o`, the way the user would type it.
    public var displayName: String { "--\(name)" }

    /// `--wd <value>` as the usage line and help show it.
    /// The same option listed under a titled help section.
    public func inGroup(_ title: String) -> OptionSpec {
        var copy = self
        copy.group = title
        return copy
    }

    public var synopsis: String {
        switch kind {
        case .flag: displayName
        case .option(let valueName): "\(displayName) <\(valueName)>"
        }
    }
}

/// An argument identified by its position: `tracker show RUN`.
public struct PositionalSpec: Sendable {
    public enum Arity: Sendable, Equatable {
        case one
        case optional
        case zeroOrMore
        case oneOrMore

        var isVariadic: Bool { self == .zeroOrMore || self == .oneOrMore }
        var isRequired: Bool { self == .one || self == .oneOrMore }
    }

    public var name: String
    public var help: String
    public var arity: Arity

    public init(_ name: String, help: String, arity: Arity = .one) {
        self.name = name
        self.help = help
        self.arity = arity
    }

    /// `<run>`, `[<run>]`, `<run> ...` or `[<run> ...]`.
    public var synopsis: String {
        switch arity {
        case .one: "<\(name)>"
        case .optional: "[<\(name)>]"
        case .oneOrMore: "<\(name)> ..."
        case .zeroOrMore: "[<\(name)> ...]"
        }
    }
}
