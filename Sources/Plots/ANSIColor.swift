/// The few ANSI colours the CLI uses; chosen to stay apart for the common
/// forms of colour blindness (blue/orange first, as in Okabe-Ito palettes).
public enum ANSIColor: String, CaseIterable, Sendable {
    case blue = "34"
    case yellow = "33"
    case magenta = "35"
    case cyan = "36"
    case green = "32"
    case red = "31"

    public func wrap(_ text: String) -> String {
        "\u{1B}[\(rawValue)m" + text + "\u{1B}[0m"
    }

    public static func forSeries(_ index: Int) -> ANSIColor {
        allCases[index % allCases.count]
    }
}
