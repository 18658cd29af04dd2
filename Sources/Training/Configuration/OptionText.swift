/// A message that mentions options, kept as text and option keys so that
/// whoever shows it decides how an option is written: the CLI as its flag
/// (`--val-split`), a library caller as the key. Written like a string:
/// `"set \(option: "val_split") above 0"`.
public struct OptionText: Equatable, Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Part: Equatable, Sendable {
        case text(String)
        case option(key: String)
    }

    var parts: [Part]

    public init(stringLiteral value: String) {
        parts = [.text(value)]
    }

    public init(stringInterpolation: Interpolation) {
        parts = stringInterpolation.parts
    }

    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { parts.append(.text(literal)) }
        }

        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            parts.append(.text(value.description))
        }

        /// An option, named by its param key.
        public mutating func appendInterpolation(option key: String) {
            parts.append(.option(key: key))
        }
    }

    /// The text with each option written by `flag`.
    public func rendered(flag: (String) -> String) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .option(let key): flag(key)
            }
        }.joined()
    }

    /// Options written as `--` and the key with dashes.
    public var description: String {
        rendered(flag: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
    }

    public static func + (lhs: OptionText, rhs: OptionText) -> OptionText {
        var joined = lhs
        joined.parts += rhs.parts
        return joined
    }
}
