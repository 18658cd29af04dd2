/// Splits a request target into its decoded path and query parameters.
enum RequestTarget {
    /// The decoded path and query of an origin-form target (`/path?query`).
    static func decode(_ target: String) throws(RequestRejection) -> (path: String, query: [(name: String, value: String)]) {
        guard target.hasPrefix("/") else {
            throw .badRequest("The request target must be a path starting with '/'.")
        }
        // A fragment is never sent by a client; drop one defensively.
        let withoutFragment = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let parts = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = try percentDecode(parts[0], plusIsSpace: false)
        guard !path.contains("\0") else { throw .badRequest("The path contains an encoded NUL byte.") }

        var query: [(name: String, value: String)] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") {
                let nameAndValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = try percentDecode(nameAndValue[0], plusIsSpace: true)
                let value = nameAndValue.count == 2 ? try percentDecode(nameAndValue[1], plusIsSpace: true) : ""
                query.append((name, value))
            }
        }
        return (path, query)
    }

    /// Replaces each `%XX` with its byte and reads the bytes as UTF-8;
    /// in a query (`application/x-www-form-urlencoded`) `+` is a space.
    static func percentDecode(_ text: Substring, plusIsSpace: Bool) throws(RequestRejection) -> String {
        guard text.contains("%") || (plusIsSpace && text.contains("+")) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw .badRequest("The target has a '%' not followed by two hex digits; encode '%' as %25.")
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw .badRequest("The target decodes to bytes that are not UTF-8.")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
