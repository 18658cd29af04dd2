import Foundation

/// How numbers read in tables: about four significant digits, plain notation
/// where it stays short, exponent notation for the very small and very large.
enum NumberFormatting {
    static let significantDigits = 4

    static func compact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        if magnitude >= 15 || magnitude < -4 {
            return trimmedExponent(String(format: "%.\(significantDigits - 1)e", value))
        }
        // Integer parts are never cut: 12346 reads better than 1.235e+04.
        let decimals = max(0, significantDigits - 1 - magnitude)
        return trimmedZeros(String(format: "%.\(decimals)f", value))
    }

    /// The shortest text that reads back as the same Double, for CSV and JSON.
    static func exact(_ value: Double) -> String {
        var text = ""
        appendExact(value, to: &text)
        return text
    }

    /// `exact(value)` appended to `text` without a string of its own: CSV
    /// and JSON write tens of thousands of numbers.
    static func appendExact(_ value: Double, to text: inout String) {
        if value == value.rounded(), abs(value) < 1e15 {
            text += String(Int64(value))
        } else if value.isNaN {
            text += "nan"  // write(to:) would spell out a NaN's payload bits
        } else {
            value.write(to: &text)
        }
    }

    private static func trimmedZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = Substring(text)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : String(text)
    }

    /// `1.500e-05` becomes `1.5e-05`.
    private static func trimmedExponent(_ text: String) -> String {
        guard let e = text.firstIndex(of: "e") else { return text }
        return trimmedZeros(String(text[..<e])) + text[e...]
    }
}
