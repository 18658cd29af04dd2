import Foundation

/// How numbers read in tables: about four significant digits, plain notation
/// where it stays short, exponent notation for the very small and very large.
public enum NumberFormatting {
    public static let significantDigits = 4

    public static func compact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(value))))
        if magnitude >= 15 || magnitude < -4 {
            return trimmedExponent(String(format: "%.\(significantDigits - 1)e", value))
        }
        // Integer parts are never cut: 12346 reads better than 1.235e+04.
        let decimals = max(0, significantDigits - 1 - magnitude)
        return fixed(value, decimals: decimals)
    }

    /// `String(format: "%.<decimals>f", value)` without its trailing zeros
    /// (and then its trailing point). Foundation's formatter took 3 us a
    /// number, and a comparison of 10,000 runs prints 70,000 of them.
    ///
    /// Rounds as printf does, to nearest with ties to even on the exact
    /// binary value: |value| x 10^decimals is computed with its rounding
    /// error (a fused multiply-add), which decides when the rounded product
    /// lands exactly halfway.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let scale = (0...7).contains(decimals) ? [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7][decimals] : .infinity
        let product = value.magnitude * scale
        // Past 2^52 a double has no halves, and past 2^64 no UInt64; compact never goes there.
        guard product < 0x1p52 else { return trimmedZeros(String(format: "%.\(decimals)f", value)) }
        let error = (-product).addingProduct(value.magnitude, scale)
        var rounded = product.rounded(.toNearestOrEven)
        if (product - rounded).magnitude == 0.5, error != 0 {
            rounded = error > 0 ? product.rounded(.up) : product.rounded(.down)
        }
        var digits = UInt64(rounded)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var start = buffer.count
            func prepend(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            var significant = false  // a nonzero fraction digit has been written
            for _ in 0..<decimals {
                let digit = UInt8(digits % 10)
                digits /= 10
                if digit != 0 || significant {
                    significant = true
                    prepend(UInt8(ascii: "0") + digit)
                }
            }
            if significant { prepend(UInt8(ascii: ".")) }
            repeat {
                prepend(UInt8(ascii: "0") + UInt8(digits % 10))
                digits /= 10
            } while digits > 0
            let isZero = start == buffer.count - 1 && buffer[start] == UInt8(ascii: "0")
            if value.sign == .minus, !isZero { prepend(UInt8(ascii: "-")) }
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    /// The shortest text that reads back as the same Double, for CSV and JSON.
    public static func exact(_ value: Double) -> String {
        var text = ""
        appendExact(value, to: &text)
        return text
    }

    /// `exact(value)` appended to `text` without a string of its own: CSV
    /// and JSON write tens of thousands of numbers.
    public static func appendExact(_ value: Double, to text: inout String) {
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
