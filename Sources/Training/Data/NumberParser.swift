/// Reads a CSV cell's bytes as a Double, with the same result as
/// `Double(String)` but without building a String for the common case.
///
/// Plain decimals ("-12.5", "3e-4", "255") whose digits fit in 2^53 and whose
/// decimal exponent is at most 22 in size take Clinger's fast path: the digits
/// and the power of ten are both exact doubles, so one multiplication or
/// division rounds correctly, exactly as strtod would. Anything else (more
/// digits, large exponents, "nan", "inf", hex) goes through `Double(String)`.
enum NumberParser {
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The number, or nil when the bytes are not one (after trimming spaces
    /// and tabs).
    static func parse(_ bytes: ArraySlice<UInt8>) -> Double? {
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        if let value = fastPath(bytes[start..<end]) { return value }
        return Double(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    private static func fastPath(_ bytes: ArraySlice<UInt8>) -> Double? {
        var index = bytes.startIndex
        let end = bytes.endIndex
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        var sawDigit = false
        while index < end, let digit = digitValue(bytes[index]) {
            guard digits < 18 else { return nil }
            mantissa = mantissa * 10 + digit
            if mantissa != 0 { digits += 1 }
            sawDigit = true
            index += 1
        }
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < end, let digit = digitValue(bytes[index]) {
                guard digits < 18 else { return nil }
                mantissa = mantissa * 10 + digit
                if mantissa != 0 { digits += 1 }
                exponent -= 1
                sawDigit = true
                index += 1
            }
        }
        guard sawDigit else { return nil }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var written = 0
            var exponentDigits = 0
            while index < end, let digit = digitValue(bytes[index]) {
                guard exponentDigits < 4 else { return nil }
                written = written * 10 + Int(digit)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard index == end, mantissa <= 1 << 53, abs(exponent) <= 22 else { return nil }
        let magnitude = exponent >= 0
            ? Double(mantissa) * exactPowersOfTen[exponent]
            : Double(mantissa) / exactPowersOfTen[-exponent]
        return negative ? -magnitude : magnitude
    }

    private static func digitValue(_ byte: UInt8) -> UInt64? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt64(byte - UInt8(ascii: "0")) : nil
    }
}
