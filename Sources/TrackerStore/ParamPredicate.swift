import Foundation
import SQLite

/// A condition on a hyperparameter, as the CLI's `--where 'wd>=1e-3'` says it.
///
/// Numbers compare as numbers (INTEGER and REAL alike) and text as text; a
/// run without the param, or with a value of the other kind, does not match.
/// Evaluated in SQL with the key and value bound, never interpolated.
public struct ParamPredicate: Sendable, Equatable, CustomStringConvertible {
    public enum Operator: String, Sendable, CaseIterable {
        case equal = "="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="

        /// The SQL operator: a fixed token from this list, never user text.
        var sql: String { self == .notEqual ? "<>" : rawValue }
    }

    public var key: String
    public var op: Operator
    public var value: ParamValue

    public init(key: String, op: Operator, value: ParamValue) {
        self.key = key
        self.op = op
        self.value = value
    }

    /// Parses `KEY OP VALUE`, e.g. `wd>=1e-3`, `optimizer=adamw`, `dropout != 0`.
    /// `==` is accepted for `=`. Values are read like command-line params;
    /// quote text that looks like a number ('"32"').
    public init(parsing text: String) throws {
        let usage = "use KEY OP VALUE with OP one of = != < <= > >=, e.g. 'wd>=1e-3'"
        guard let start = text.firstIndex(where: { "=!<>".contains($0) }) else {
            throw StoreError.invalidArgument("predicate '\(text)' has no operator; \(usage)")
        }
        var end = text.index(after: start)
        if end < text.endIndex, text[end] == "=" { end = text.index(after: end) }
        var opText = String(text[start..<end])
        if opText == "==" { opText = "=" }
        guard let op = Operator(rawValue: opText) else {
            throw StoreError.invalidArgument("predicate '\(text)' has an unknown operator '\(opText)'; \(usage)")
        }
        let key = text[..<start].trimmingCharacters(in: .whitespaces)
        let valueText = text[end...].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !valueText.isEmpty else {
            throw StoreError.invalidArgument("predicate '\(text)' needs a key and a value; \(usage)")
        }
        guard !valueText.contains(where: { "=<>".contains($0) }) else {
            throw StoreError.invalidArgument("predicate '\(text)' has more than one operator; \(usage)")
        }
        var value = ParamValue(parsing: valueText)
        if valueText.count >= 2, let first = valueText.first, first == valueText.last, first == "\"" || first == "'" {
            value = .text(String(valueText.dropFirst().dropLast()))
        }
        self.init(key: key, op: op, value: value)
    }

    /// Parses several predicates; each string may also join some with
    /// " and " in any case (AND, And). A string with OR is refused here:
    /// use `parseAlternatives`.
    public static func parseAll(_ texts: [String]) throws -> [ParamPredicate] {
        try texts.flatMap { text in
            let alternatives = try parseAlternatives(text)
            guard alternatives.count == 1 else {
                throw StoreError.invalidArgument("'\(text)' uses OR, which is not accepted here; join conditions with AND")
            }
            return alternatives[0]
        }
    }

    /// One condition text as alternatives of conjunctions: words "and" and
    /// "or" in any case join predicates, AND binding tighter than OR
    /// ("a and b or c" is (a and b) or c).
    public static func parseAlternatives(_ text: String) throws -> [[ParamPredicate]] {
        var alternatives: [[[Substring]]] = [[[]]]
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            switch word.lowercased() {
            case "or": alternatives.append([[]])
            case "and": alternatives[alternatives.count - 1].append([])
            default: alternatives[alternatives.count - 1][alternatives[alternatives.count - 1].count - 1].append(word)
            }
        }
        return try alternatives.map { all in try all.map { try ParamPredicate(parsing: $0.joined(separator: " ")) } }
    }

    public var description: String { "\(key)\(op.rawValue)\(value)" }

    /// A condition on runs aliased `r`, with its bound values in order.
    /// Numbers compare with numbers and text with text, on both backends
    /// (PostgreSQL's params are jsonb: a number is compared as numeric, a
    /// string by its text).
    func sql(for backend: StoreBackend) -> (text: String, values: [any StoreBindable]) {
        let condition = switch (backend, value.number) {
        case (.sqlite, nil): "typeof(p.value) = 'text' AND p.value \(op.sql) ?"
        case (.sqlite, _): "typeof(p.value) IN ('integer', 'real') AND p.value \(op.sql) ?"
        case (.postgresql, nil): "jsonb_typeof(p.value) = 'string' AND p.value #>> '{}' \(op.sql) ?"
        case (.postgresql, _): "jsonb_typeof(p.value) = 'number' AND p.value \(op.sql) CAST(? AS numeric)"
        }
        let bound: any StoreBindable = switch (backend, value) {
        case (.postgresql, .text(let text)): text
        case (.postgresql, _): value.number!
        default: value
        }
        return ("EXISTS (SELECT 1 FROM params AS p WHERE p.run_id = r.id AND p.key = ? AND \(condition))", [key, bound])
    }
}
