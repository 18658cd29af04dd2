/// One field's payload as the protobuf wire format carries it; what it
/// means (int64, double, a nested message, ...) is up to the schema.
enum ProtobufWireValue {
    case varint(UInt64)
    case fixed64(UInt64)
    case lengthDelimited(ProtobufReader)
    case fixed32(UInt32)
}

/// Why bytes are not a well-formed protobuf message.
enum ProtobufError: Error, Equatable, CustomStringConvertible {
    case truncated(offset: Int)
    case varintTooLong(offset: Int)
    case unsupportedWireType(Int, offset: Int)
    case fieldNumberZero(offset: Int)

    var description: String {
        switch self {
        case .truncated(let offset): "protobuf message ends inside a field at byte \(offset)"
        case .varintTooLong(let offset): "varint longer than 10 bytes at byte \(offset)"
        case .unsupportedWireType(let type, let offset): "unsupported protobuf wire type \(type) at byte \(offset)"
        case .fieldNumberZero(let offset): "protobuf field number 0 at byte \(offset)"
        }
    }
}

/// A forward-only reader of protobuf wire format over a byte range.
///
/// A nested message is a reader over a sub-range of the same array, so
/// decoding copies no bytes. Groups (wire types 3 and 4, deprecated since
/// proto2) appear in none of the messages we read and are refused.
struct ProtobufReader {
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int

    init(_ bytes: [UInt8]) {
        self.init(bytes, range: bytes.startIndex..<bytes.endIndex)
    }

    private init(_ bytes: [UInt8], range: Range<Int>) {
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    var isAtEnd: Bool { position >= end }

    /// The bytes left to read: a length-delimited field's raw content.
    var remainingBytes: ArraySlice<UInt8> { bytes[position..<end] }

    /// The next field's number and payload, or nil at the end of the message.
    mutating func nextField() throws -> (number: Int, value: ProtobufWireValue)? {
        guard !isAtEnd else { return nil }
        let keyOffset = position
        let key = try readVarint()
        let number = Int(truncatingIfNeeded: key >> 3)
        guard number != 0 else { throw ProtobufError.fieldNumberZero(offset: keyOffset) }
        switch key & 7 {
        case 0: return (number, .varint(try readVarint()))
        case 1: return (number, .fixed64(try readLittleEndian(UInt64.self)))
        case 2: return (number, .lengthDelimited(try readLengthDelimited()))
        case 5: return (number, .fixed32(try readLittleEndian(UInt32.self)))
        default: throw ProtobufError.unsupportedWireType(Int(key & 7), offset: keyOffset)
        }
    }

    mutating func readVarint() throws -> UInt64 {
        let start = position
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw ProtobufError.truncated(offset: position) }
            let byte = bytes[position]
            position += 1
            // The tenth byte holds only bit 63; anything longer is not a varint.
            guard shift < 64 else { throw ProtobufError.varintTooLong(offset: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readLittleEndian<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type) throws -> T {
        let size = MemoryLayout<T>.size
        guard end - position >= size else { throw ProtobufError.truncated(offset: position) }
        var value: T = 0
        for index in 0..<size {
            value |= T(bytes[position + index]) << (8 * index)
        }
        position += size
        return value
    }

    private mutating func readLengthDelimited() throws -> ProtobufReader {
        let lengthOffset = position
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw ProtobufError.truncated(offset: lengthOffset) }
        let range = position..<(position + Int(length))
        position = range.upperBound
        return ProtobufReader(bytes, range: range)
    }
}

extension ProtobufWireValue {
    /// int64, int32 and enum fields: negative values are ten-byte varints
    /// of the two's complement.
    var int64: Int64? {
        if case .varint(let raw) = self { return Int64(bitPattern: raw) }
        return nil
    }

    var bool: Bool? {
        if case .varint(let raw) = self { return raw != 0 }
        return nil
    }

    var double: Double? {
        if case .fixed64(let raw) = self { return Double(bitPattern: raw) }
        return nil
    }

    var float: Float? {
        if case .fixed32(let raw) = self { return Float(bitPattern: raw) }
        return nil
    }

    var message: ProtobufReader? {
        if case .lengthDelimited(let reader) = self { return reader }
        return nil
    }

    /// Protobuf strings are UTF-8; invalid sequences become U+FFFD rather
    /// than failing the whole record.
    var string: String? {
        message.map { String(decoding: $0.remainingBytes, as: UTF8.self) }
    }

    /// A repeated float field, packed (one length-delimited run of fixed32s)
    /// or not (one fixed32 per field): parsers must accept both.
    func floats() throws -> [Float] {
        switch self {
        case .fixed32(let raw): return [Float(bitPattern: raw)]
        case .lengthDelimited(var packed):
            var values: [Float] = []
            while !packed.isAtEnd { values.append(Float(bitPattern: try packed.readLittleEndian(UInt32.self))) }
            return values
        default: return []
        }
    }

    func doubles() throws -> [Double] {
        switch self {
        case .fixed64(let raw): return [Double(bitPattern: raw)]
        case .lengthDelimited(var packed):
            var values: [Double] = []
            while !packed.isAtEnd { values.append(Double(bitPattern: try packed.readLittleEndian(UInt64.self))) }
            return values
        default: return []
        }
    }

    func int64s() throws -> [Int64] {
        switch self {
        case .varint(let raw): return [Int64(bitPattern: raw)]
        case .lengthDelimited(var packed):
            var values: [Int64] = []
            while !packed.isAtEnd { values.append(Int64(bitPattern: try packed.readVarint())) }
            return values
        default: return []
        }
    }
}
