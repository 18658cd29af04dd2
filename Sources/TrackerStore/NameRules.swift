/// What a name a person gives (a run, group, tag or sweep name) may hold.
///
/// Names end up in terminals: a control character (an ANSI escape that
/// recolours or moves the cursor, a carriage return that overwrites a line)
/// would be run by the terminal instead of shown, and a name of spaces only
/// looks like no name at all.
public enum NameRules {
    /// Refuses a blank name or one with control characters; `what` names it in
    /// the message ("run name", "tag").
    public static func check(_ name: String, as what: String) throws {
        guard !name.allSatisfy(\.isWhitespace) else {
            throw StoreError.invalidArgument("the \(what) '\(name)' is blank; give it some visible text")
        }
        if let control = name.unicodeScalars.first(where: isControl) {
            throw StoreError.invalidArgument(
                "the \(what) \(escaped(name)) holds a control character (U+\(String(control.value, radix: 16, uppercase: true))); use printable text")
        }
    }

    /// `text` with every control character shown as an escape (\e, \r, \u{7}),
    /// for printing names that came in before this rule, or by plain SQL.
    public static func escaped(_ text: String) -> String {
        // Printable ASCII, nearly every name, is checked by its bytes: the
        // Unicode category lookup per character was 6% of a 10,000-run table.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{1B}": result += "\\e"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case _ where isControl(scalar): result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control
    }
}
