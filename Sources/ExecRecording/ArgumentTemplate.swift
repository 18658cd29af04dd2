/// `{KEY}` in a command's arguments replaced by values: `--lr {lr}` becomes
/// `--lr 0.001`. Only `{name}` with a letter or underscore first and
/// letters, digits and underscores after is a placeholder; one whose name
/// has no value is left as typed (Keras' `model_{epoch}.h5` is the script's
/// own template), and `unknownPlaceholders` lists them so the caller can say so.
public struct ArgumentTemplate: Sendable {
    public let values: [String: String]

    public init(values: [String: String]) {
        self.values = values
    }

    public func apply(_ argument: String) -> String {
        var result = ""
        var rest = argument[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"),
                  let value = values[String(rest[afterOpen..<close])] else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += value
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Placeholders in `arguments` that name no value, each once, in order.
    public func unknownPlaceholders(in arguments: [String]) -> [String] {
        var found: [String] = []
        for argument in arguments {
            var rest = argument[...]
            while let open = rest.firstIndex(of: "{") {
                let afterOpen = rest.index(after: open)
                guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
                let name = String(rest[afterOpen..<close])
                if Self.isPlaceholderName(name), values[name] == nil, !found.contains(name) { found.append(name) }
                rest = rest[rest.index(after: close)...]
            }
        }
        return found
    }

    static func isPlaceholderName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
    }
}
