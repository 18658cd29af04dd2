/// Splits a TFRecord file into its records, checking both CRCs.
///
/// Framing of each record: uint64 length, uint32 masked CRC-32C of those
/// 8 bytes, the data, uint32 masked CRC-32C of the data; all little-endian.
/// A record whose data CRC fails is skipped and reading goes on, since the
/// verified length still says where the next record starts. A bad length
/// CRC or a short tail ends the file: past it no boundary can be trusted.
struct TFRecordReader {
    struct Record {
        /// Byte offset of the record's header in the file.
        let offset: Int
        let data: [UInt8]
    }

    /// What went wrong where.
    struct Damage: Equatable {
        let offset: Int
        let problem: String
        /// True when nothing after `offset` could be read.
        let endsFile: Bool

        var consequence: String { endsFile ? "rest of file skipped" : "record skipped" }
    }

    private static let headerSize = 12
    private static let footerSize = 4

    let records: [Record]
    let damage: [Damage]

    init(bytes: [UInt8]) {
        var records: [Record] = []
        var damage: [Damage] = []
        var offset = 0
        while offset < bytes.count {
            guard bytes.count - offset >= Self.headerSize else {
                damage.append(Damage(offset: offset, problem: "truncated record header (\(bytes.count - offset) of 12 bytes)", endsFile: true))
                break
            }
            let lengthBytes = bytes[offset..<offset + 8]
            let lengthCRC = Self.uint32(bytes, at: offset + 8)
            guard CRC32C.masked(CRC32C.checksum(lengthBytes)) == lengthCRC else {
                damage.append(Damage(offset: offset, problem: "length CRC mismatch", endsFile: true))
                break
            }
            let length = Self.uint64(bytes, at: offset)
            let dataStart = offset + Self.headerSize
            guard length <= UInt64(bytes.count - dataStart), bytes.count - dataStart - Int(length) >= Self.footerSize else {
                damage.append(Damage(offset: offset, problem: "truncated record (\(length) data bytes announced, file ends first)", endsFile: true))
                break
            }
            let dataEnd = dataStart + Int(length)
            let data = bytes[dataStart..<dataEnd]
            if CRC32C.masked(CRC32C.checksum(data)) == Self.uint32(bytes, at: dataEnd) {
                records.append(Record(offset: offset, data: Array(data)))
            } else {
                damage.append(Damage(offset: offset, problem: "data CRC mismatch", endsFile: false))
            }
            offset = dataEnd + Self.footerSize
        }
        self.records = records
        self.damage = damage
    }

    private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    private static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
