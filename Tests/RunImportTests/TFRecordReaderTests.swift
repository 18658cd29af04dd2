import Testing
@testable import RunImport

@Suite struct TFRecordReaderTests {
    /// Frames `data` as TFRecord does.
    static func frame(_ data: [UInt8]) -> [UInt8] {
        let length = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(data.count) >> (8 * $0)) }
        func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return length + littleEndian(CRC32C.masked(CRC32C.checksum(length)))
            + data + littleEndian(CRC32C.masked(CRC32C.checksum(data)))
    }

    @Test func readsEveryRecordWithItsOffset() {
        let first: [UInt8] = [1, 2, 3]
        let second: [UInt8] = []
        let third: [UInt8] = Array(0..<200)
        let reader = TFRecordReader(bytes: Self.frame(first) + Self.frame(second) + Self.frame(third))
        #expect(reader.records.map(\.data) == [first, second, third])
        #expect(reader.records.map(\.offset) == [0, 19, 35])
        #expect(reader.damage.isEmpty)
    }

    @Test func badDataCRCSkipsOnlyThatRecord() {
        var bytes = Self.frame([1, 2, 3]) + Self.frame([4, 5, 6]) + Self.frame([7])
        bytes[19 + 12 + 1] ^= 0x40
        let reader = TFRecordReader(bytes: bytes)
        #expect(reader.records.map(\.data) == [[1, 2, 3], [7]])
        #expect(reader.damage == [.init(offset: 19, problem: "data CRC mismatch", endsFile: false)])
    }

    @Test func badLengthCRCEndsTheFile() {
        var bytes = Self.frame([1]) + Self.frame([2]) + Self.frame([3])
        bytes[17 + 2] ^= 0x01
        let reader = TFRecordReader(bytes: bytes)
        #expect(reader.records.map(\.data) == [[1]])
        #expect(reader.damage == [.init(offset: 17, problem: "length CRC mismatch", endsFile: true)])
    }

    @Test func truncatedTailEndsTheFile() {
        let whole = Self.frame([1, 2]) + Self.frame([3, 4, 5, 6])
        let cutInData = TFRecordReader(bytes: Array(whole.dropLast(3)))
        #expect(cutInData.records.map(\.data) == [[1, 2]])
        #expect(cutInData.damage.map(\.offset) == [18])
        #expect(cutInData.damage.map(\.endsFile) == [true])
        let cutInHeader = TFRecordReader(bytes: Array(whole.prefix(18 + 5)))
        #expect(cutInHeader.damage == [.init(offset: 18, problem: "truncated record header (5 of 12 bytes)", endsFile: true)])
    }
}
