/// SQLite's parameter markers rewritten as PostgreSQL's.
///
/// The store writes `?` (the next parameter) and `?N` (parameter N), which
/// SQLite numbers as it reads: a bare `?` is one more than the largest
/// number seen so far. PostgreSQL wants `$N`. Markers inside string
/// literals, quoted identifiers and comments are left alone, so a `?` in a
/// note's text or a `--` comment never becomes a parameter.
enum PlaceholderRewriter {
    struct Rewritten {
        let sql: String
        /// The largest parameter number: how many values the statement takes.
        let parameterCount: Int
    }

    static func rewrite(_ sql: String) -> Rewritten {
        let bytes = Array(sql.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var largest = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                let end = closingQuote(byte, in: bytes, after: index)
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "-") where next(bytes, index) == UInt8(ascii: "-"):
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "/") where next(bytes, index) == UInt8(ascii: "*"):
                let end = blockCommentEnd(in: bytes, after: index)
                output.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "?"):
                var digitsEnd = index + 1
                while digitsEnd < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digitsEnd]) { digitsEnd += 1 }
                let number = digitsEnd > index + 1
                    ? Int(String(decoding: bytes[(index + 1)..<digitsEnd], as: UTF8.self)) ?? 0
                    : largest + 1
                largest = max(largest, number)
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: String(number).utf8)
                index = digitsEnd
            default:
                output.append(byte)
                index += 1
            }
        }
        return Rewritten(sql: String(decoding: output, as: UTF8.self), parameterCount: largest)
    }

    private static func next(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    /// The index past a quoted literal or identifier; a doubled quote is an escaped one.
    private static func closingQuote(_ quote: UInt8, in bytes: [UInt8], after start: Int) -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == quote {
                if next(bytes, index) == quote { index += 2; continue }
                return index + 1
            }
            index += 1
        }
        return bytes.count
    }

    private static func blockCommentEnd(in bytes: [UInt8], after start: Int) -> Int {
        var index = start + 2
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") { return index + 2 }
            index += 1
        }
        return bytes.count
    }
}
