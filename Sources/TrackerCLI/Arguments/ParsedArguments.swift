import Foundation

/// The arguments of one invocation, sorted by name and converted on request.
///
/// Conversion happens here rather than in the parser so that each command
/// asks for the type it needs; a failed conversion is a `UsageError` naming
/// the option, the value and what was expected.
public struct ParsedArguments: Sendable {
    public let spec: CommandSpec
    private(set) var optionValues: [String: [String]] = [:]
    private(set) var flags: Set<String> = []
    private(set) var positionalValues: [String: [String]] = [:]

    init(spec: CommandSpec) {
        self.spec = spec
    }

    mutating func append(_ value: String, to option: String) {
        optionValues[option, default: []].append(value)
    }

    mutating func set(flag: String) {
        flags.insert(flag)
    }

    mutating func set(_ values: [String], forPositional name: String) {
        positionalValues[name] = values
    }

    // MARK: Raw access

    public func isSet(_ flag: String) -> Bool {
        assertDeclared(flag)
        return flags.contains(flag)
    }

    /// Whether the user typed the option (as opposed to its default applying).
    public func isExplicit(_ option: String) -> Bool { optionValues[option] != nil }

    /// The text of an option (its default when absent) or of a positional argument.
    public func string(_ name: String) -> String? {
        rawValues(name).last
    }

    /// Every value of a repeatable option or a variadic positional, in order.
    public func strings(_ name: String) -> [String] {
        rawValues(name)
    }

    // MARK: Typed access

    public func value<T: ArgumentValue>(_ name: String, as type: T.Type = T.self) throws(UsageError) -> T? {
        guard let text = string(name) else { return nil }
        return try convert(text, for: name)
    }

    public func values<T: ArgumentValue>(_ name: String, as type: T.Type = T.self) throws(UsageError) -> [T] {
        var converted: [T] = []
        for text in strings(name) { converted.append(try convert(text, for: name)) }
        return converted
    }

    /// A comma-separated list such as `--hidden 64,64` or `--wd 0,1e-4,1e-3`.
    public func list<T: ArgumentValue>(_ name: String, of type: T.Type = T.self) throws(UsageError) -> [T]? {
        guard let text = string(name) else { return nil }
        var items: [T] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let value = T(argument: item.trimmingCharacters(in: .whitespaces)) else {
                throw .invalidValue(
                    value: text, argument: displayName(of: name),
                    expected: "a comma-separated list where each item is \(T.expectation)")
            }
            items.append(value)
        }
        return items
    }

    /// A number that must also lie in `range`: `--dropout` in [0, 1).
    public func value<T: NumericArgument>(_ name: String, as type: T.Type = T.self, in range: ValueRange<T>) throws(UsageError) -> T? {
        guard let value = try value(name, as: T.self) else { return nil }
        try check(value, in: range, text: string(name) ?? value.argumentText, for: name)
        return value
    }

    /// A comma list whose every item must lie in `range`: `--dropout 0.2,0.5`.
    public func list<T: NumericArgument>(_ name: String, of type: T.Type = T.self, in range: ValueRange<T>) throws(UsageError) -> [T]? {
        guard let items = try list(name, of: T.self) else { return nil }
        for item in items { try check(item, in: range, text: item.argumentText, for: name) }
        return items
    }

    private func check<T: NumericArgument>(_ value: T, in range: ValueRange<T>, text: String, for name: String) throws(UsageError) {
        guard range.contains(value) else {
            throw .invalidValue(value: text, argument: displayName(of: name), expected: range.expectation)
        }
    }

    // MARK: Helpers

    private func rawValues(_ name: String) -> [String] {
        assertDeclared(name)
        if let values = optionValues[name] { return values }
        if let values = positionalValues[name] { return values }
        if let defaultValue = spec.option(named: name)?.defaultValue { return [defaultValue] }
        return []
    }

    private func convert<T: ArgumentValue>(_ text: String, for name: String) throws(UsageError) -> T {
        // An option may accept fewer values than its type (e.g. `--format`
        // where a command offers only table and csv): the spec has the last word.
        if let choices = spec.option(named: name)?.choices, !choices.contains(text) {
            throw .invalidValue(
                value: text, argument: displayName(of: name),
                expected: "one of " + choices.joined(separator: ", "),
                suggestion: Suggestion.closest(to: text, in: choices))
        }
        guard let value = T(argument: text) else {
            throw .invalidValue(value: text, argument: displayName(of: name), expected: T.expectation)
        }
        return value
    }

    /// A name the spec does not declare is a typo in a command's code, which
    /// would otherwise read as "option absent" forever; debug builds stop.
    private func assertDeclared(_ name: String) {
        assert(
            spec.option(named: name) != nil || spec.positionals.contains { $0.name == name },
            "'\(spec.name)' declares no option or argument named '\(name)'")
    }

    /// `--wd` for an option, `<run>` for a positional argument.
    func displayName(of name: String) -> String {
        spec.option(named: name)?.displayName ?? "<\(name)>"
    }
}
