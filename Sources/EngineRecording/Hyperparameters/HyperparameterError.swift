/// A `tracker train` option whose value or combination cannot work. It names
/// param keys; `description` shows them as the flags of the table (the CLI
/// renders the same through its own usage errors).
public enum HyperparameterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `value` is not what `key` takes; `choices` when it takes one of a list.
    case invalidValue(key: String, value: String, expected: String, choices: [String]? = nil)
    /// Several of `keys` were given where at most one may be.
    case atMostOne(keys: [String])
    /// `keys` only mean something together with `other` (e.g. `--early-stop 20`).
    case needsOther(keys: [String], purpose: String, other: String, example: String)
    /// `key` was given empty text; `hint` says what to give.
    case empty(key: String, hint: String)
    /// A key the table does not hold, e.g. a sweep recorded by another version.
    case unknown(key: String)
    /// The configuration's own check, naming the option by key.
    case configuration(ConfigurationError)

    public var description: String {
        let flag = Hyperparameters.displayFlag
        switch self {
        case let .invalidValue(key, value, expected, _):
            return "Invalid value '\(value)' for '\(flag(key))': expected \(expected)."
        case .atMostOne(let keys):
            return "Give at most one of \(Self.listed(keys.map(flag)))."
        case let .needsOther(keys, purpose, other, example):
            let placeholder = Hyperparameters.named(other)?.valueName?.uppercased() ?? "VALUE"
            return "\(keys.map(flag).joined(separator: " and ")) \(purpose); add \(flag(other)) \(placeholder) (e.g. \(flag(other)) \(example))."
        case let .empty(key, hint):
            return "\(flag(key)) is empty; \(hint)."
        case .unknown(let key):
            return "'\(flag(key))' is not a tracker train option; see 'tracker train --help'."
        case .configuration(let error):
            return error.message(flag: flag)
        }
    }

    /// "a, b and c".
    private static func listed(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: ", ") + " and " + words.last!
    }
}
