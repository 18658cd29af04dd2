/// Packs bit fields into bytes in DEFLATE's order: the first bit written is
/// the least significant bit of the first byte (RFC 1951, section 3.1.1).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    /// Bits not yet flushed to `bytes`, the oldest in the low positions.
    private var pending: UInt64 = 0
    private var pendingCount = 0

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `count` bits of `value`, least significant first
    /// (DEFLATE's order for header fields and extra bits). `count` is at most 32.
    mutating func write(_ value: UInt32, bitCount count: Int) {
        pending |= UInt64(value & (count == 32 ? .max : (1 << UInt32(count)) - 1)) << UInt64(pendingCount)
        pendingCount += count
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Pads the last byte with zero bits and returns everything written.
    mutating func finish() -> [UInt8] {
        if pendingCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending = 0
            pendingCount = 0
        }
        return bytes
    }
}
