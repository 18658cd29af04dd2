/// Turns the words after a command's name into `ParsedArguments`, following
/// the conventions users know from git and swift-argument-parser:
///
/// - `--name value` and `--name=value`; `-x value` for options with a short name;
/// - a value that starts with `-` must use `--name=value` (negative numbers
///   excepted), so a forgotten value never swallows the next option;
/// - `--` ends the options: everything after it is positional;
/// - `-h` or `--help` anywhere before `--` asks for help, whatever else is wrong.
public enum ArgumentParser {
    public enum Outcome: Sendable {
        case arguments(ParsedArguments)
        case helpRequested
    }

    public static func parse(_ words: [String], for spec: CommandSpec) throws(UsageError) -> Outcome {
        if requestsHelp(words) { return .helpRequested }
        var parsed = ParsedArguments(spec: spec)
        var positionals: [String] = []
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !isOptionLike(word) {
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let (option, typedName, inlineValue) = try resolve(word, in: spec)
            guard option.takesValue else {
                if inlineValue != nil { throw .flagTakesNoValue(flag: typedName) }
                parsed.set(flag: option.name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < words.count, !isOptionLike(words[index]) {
                value = words[index]
                index += 1
            } else {
                throw .missingValue(option: typedName)
            }
            if parsed.isExplicit(option.name), !option.isRepeatable {
                throw .duplicateOption(option: option.displayName)
            }
            parsed.append(value, to: option.name)
        }
        let requirementsWaived = spec.waivesRequiredOptions.map { parsed.isExplicit($0) } ?? false
        for option in spec.options where option.isRequired && !parsed.isExplicit(option.name) && !requirementsWaived {
            throw .missingOption(option: option.synopsis)
        }
        try assign(positionals, to: spec.positionals, in: &parsed)
        return .arguments(parsed)
    }

    static func requestsHelp(_ words: [String]) -> Bool {
        for word in words {
            if word == "--" { return false }
            if word == "--help" || word == "-h" { return true }
        }
        return false
    }

    /// A word that starts an option: `--x`, `-x` or `--`, but not `-` (stdin by
    /// convention) and not a negative number such as `-1` or `-1e-3`.
    static func isOptionLike(_ word: String) -> Bool {
        guard word.hasPrefix("-"), word.count > 1 else { return false }
        return Double(word) == nil
    }

    private static func resolve(
        _ word: String, in spec: CommandSpec
    ) throws(UsageError) -> (OptionSpec, typedName: String, inlineValue: String?) {
        if word.hasPrefix("--") {
            let body = word.dropFirst(2)
            let name: String
            var inlineValue: String?
            if let equals = body.firstIndex(of: "=") {
                name = String(body[..<equals])
                inlineValue = String(body[body.index(after: equals)...])
            } else {
                name = String(body)
            }
            guard let option = spec.option(named: name) else {
                let suggestion = Suggestion.closest(to: name, in: spec.allOptions.map(\.name))
                throw .unknownOption("--\(name)", suggestion: suggestion.map { "--\($0)" })
            }
            return (option, "--\(name)", inlineValue)
        }
        let body = word.dropFirst()
        let short = body.first!
        guard let option = spec.option(short: short) else {
            // `-wd` is a common slip for `--wd`.
            let suggestion = spec.option(named: String(body)).map(\.displayName)
            throw .unknownOption(word, suggestion: suggestion)
        }
        var rest = body.dropFirst()
        if rest.first == "=" { rest = rest.dropFirst() }
        if !rest.isEmpty, !option.takesValue {
            throw .unknownOption(word, suggestion: spec.option(named: String(body)).map(\.displayName))
        }
        return (option, "-\(short)", rest.isEmpty ? nil : String(rest))
    }

    /// Hands the positional words to the declared arguments in order; a
    /// variadic argument takes whatever the arguments after it do not need.
    private static func assign(
        _ words: [String], to specs: [PositionalSpec], in parsed: inout ParsedArguments
    ) throws(UsageError) {
        var remaining = words[...]
        for (position, spec) in specs.enumerated() {
            let neededLater = specs[(position + 1)...].filter(\.arity.isRequired).count
            let available = max(0, remaining.count - neededLater)
            let taken: Int
            switch spec.arity {
            case .one: taken = min(1, available)
            case .optional: taken = min(1, available)
            case .zeroOrMore, .oneOrMore: taken = available
            }
            if spec.arity.isRequired && taken == 0 { throw .missingArgument(spec.synopsis) }
            parsed.set(Array(remaining.prefix(taken)), forPositional: spec.name)
            remaining = remaining.dropFirst(taken)
        }
        if let extra = remaining.first { throw .unexpectedArgument(extra) }
    }
}
