/// A line cut out of a byte stream, or the report that it was too long.
public enum FramedLine: Sendable, Equatable {
    /// The line's bytes without "\n" or "\r\n". Numbers count from 1.
    case line(number: Int, bytes: [UInt8])
    /// A line longer than the limit: its bytes were discarded as they came,
    /// never buffered whole.
    case tooLong(number: Int, byteCount: Int, limit: Int)

    public var number: Int {
        switch self {
        case .line(let number, _), .tooLong(let number, _, _): number
        }
    }
}

/// Sizes for people: "10.5 MB", "1 MiB" (limits are powers of two, sizes are not).
enum ByteSize {
    static func describe(_ count: Int) -> String {
        if count < 1_000 { return "\(count) bytes" }
        let units = [(1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        let (scale, unit) = units.first { Double(count) >= $0.0 } ?? (1e3, "kB")
        let tenths = (Double(count) / scale * 10).rounded()
        return "\(Int(tenths) / 10).\(Int(tenths) % 10) \(unit)"
    }

    static func describeLimit(_ count: Int) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }

    /// "too long (10.5 MB, limit 1 MiB): discarded"
    static func tooLongReason(byteCount: Int, limit: Int) -> String {
        "too long (\(describe(byteCount)), limit \(describeLimit(limit))): discarded; write one message per line"
    }
}

/// The bytes of one line being collected, up to a limit; past it, only a count.
struct CappedLine {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// The line's length so far, counting discarded bytes.
    private(set) var byteCount = 0

    init(limit: Int) { self.limit = limit }

    var isOverLimit: Bool { byteCount > limit }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        byteCount += chunk.count
        if byteCount > limit {
            // Free what was collected: the line is lost anyway.
            if !bytes.isEmpty { bytes = [] }
        } else {
            bytes.append(contentsOf: chunk)
        }
    }

    /// The finished line as a `FramedLine`, and the collector emptied.
    mutating func take(number: Int) -> FramedLine {
        defer { bytes = []; byteCount = 0 }
        if isOverLimit { return .tooLong(number: number, byteCount: byteCount, limit: limit) }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return .line(number: number, bytes: bytes)
    }
}
