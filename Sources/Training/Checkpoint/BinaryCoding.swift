/// Little-endian writing and bounds-checked reading for the checkpoint format.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func write(_ value: UInt8) { bytes.append(value) }

    mutating func write(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    mutating func write(_ value: Double) { write(value.bitPattern) }

    mutating func write(_ values: [Float]) {
        write(values.count)
        bytes.reserveCapacity(bytes.count + values.count * 4)
        for value in values { write(value.bitPattern) }
    }

    mutating func write(bytes more: [UInt8]) {
        write(more.count)
        bytes.append(contentsOf: more)
    }

    mutating func writeRaw(_ more: [UInt8]) { bytes.append(contentsOf: more) }
}

struct BinaryReader {
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    private mutating func take(_ count: Int) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else { throw .truncated }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    mutating func readByte() throws(CheckpointError) -> UInt8 { try take(1).first! }

    mutating func readUInt32() throws(CheckpointError) -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func readUInt64() throws(CheckpointError) -> UInt64 {
        try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func readInt() throws(CheckpointError) -> Int { Int(Int64(bitPattern: try readUInt64())) }
    mutating func readDouble() throws(CheckpointError) -> Double { Double(bitPattern: try readUInt64()) }

    mutating func readFloats() throws(CheckpointError) -> [Float] {
        let count = try readInt()
        guard count >= 0, count <= (bytes.count - position) / 4 else { throw .truncated }
        let slice = try take(count * 4)
        var values = [Float](repeating: 0, count: count)
        var index = slice.startIndex
        for offset in 0..<count {
            let bits = UInt32(slice[index]) | UInt32(slice[index + 1]) << 8 | UInt32(slice[index + 2]) << 16 | UInt32(slice[index + 3]) << 24
            values[offset] = Float(bitPattern: bits)
            index += 4
        }
        return values
    }

    mutating func readBytes() throws(CheckpointError) -> [UInt8] {
        Array(try take(try readInt()))
    }
}

/// FNV-1a over the payload, so a damaged file is refused rather than loaded.
enum Checksum {
    static func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
