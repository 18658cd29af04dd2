/// A mistake in how the command was typed. Reported as one line on stderr,
/// followed by the command's usage line, and exit code 64 (EX_USAGE).
public enum UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownCommand(String, suggestion: String?)
    case unknownOption(String, suggestion: String?)
    case missingValue(option: String)
    case flagTakesNoValue(flag: String)
    case duplicateOption(option: String)
    case missingOption(option: String)
    case missingArgument(String)
    case unexpectedArgument(String)
    case invalidValue(value: String, argument: String, expected: String, suggestion: String? = nil)
    /// A value that parses but breaks a rule of the command, e.g. dropout >= 1.
    case invalid(String)

    public var description: String {
        switch self {
        case let .unknownCommand(name, suggestion):
            "Unknown command '\(name)'." + Self.didYouMean(suggestion)
        case let .unknownOption(name, suggestion):
            "Unknown option '\(name)'." + Self.didYouMean(suggestion)
        case let .missingValue(option):
            "Missing value for '\(option)'. Write '\(option) VALUE' (or '\(option)=VALUE' when the value starts with '-')."
        case let .flagTakesNoValue(flag):
            "'\(flag)' is a flag and takes no value; write '\(flag)' alone."
        case let .duplicateOption(option):
            "'\(option)' was given more than once; give it once."
        case let .missingOption(option):
            "Missing required option '\(option)'."
        case let .missingArgument(name):
            "Missing expected argument '\(name)'."
        case let .unexpectedArgument(value):
            "Unexpected argument '\(value)'."
        case let .invalidValue(value, argument, expected, suggestion):
            "Invalid value '\(value)' for '\(argument)': expected \(expected)." + Self.didYouMean(suggestion)
        case let .invalid(message):
            message
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { " Did you mean '\($0)'?" } ?? ""
    }
}
