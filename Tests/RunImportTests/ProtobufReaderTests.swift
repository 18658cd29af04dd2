import Testing
@testable import RunImport

@Suite struct ProtobufReaderTests {
    @Test func negativeInt64IsATenByteVarint() throws {
        // Field 2, wire type 0, value -1 (two's complement, ten bytes).
        var reader = ProtobufReader([0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        let field = try #require(try reader.nextField())
        #expect(field.number == 2)
        #expect(field.value.int64 == -1)
        #expect(try reader.nextField() == nil)
    }

    @Test func multiByteVarint() throws {
        // 300 = 0b1_0010_1100: 0xAC 0x02.
        var reader = ProtobufReader([0x08, 0xAC, 0x02])
        #expect(try reader.nextField()?.value.int64 == 300)
    }

    @Test func varintOfElevenBytesIsRefused() {
        var reader = ProtobufReader([0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01])
        #expect(throws: ProtobufError.varintTooLong(offset: 1)) { try reader.nextField() }
    }

    @Test func packedAndUnpackedFloatsReadAlike() throws {
        let values: [Float] = [1.5, -2.25, .infinity]
        let raw = values.flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) } }
        // Packed: field 5, wire type 2, length 12.
        var packed = ProtobufReader([0x2A, UInt8(raw.count)] + raw)
        #expect(try packed.nextField()?.value.floats() == values)
        // Unpacked: field 5, wire type 5, once per value.
        var unpacked = ProtobufReader(stride(from: 0, to: raw.count, by: 4).flatMap { [0x2D] + raw[$0..<$0 + 4] })
        var read: [Float] = []
        while let field = try unpacked.nextField() { read += try field.value.floats() }
        #expect(read == values)
    }

    @Test func doubleAndStringAndNestedMessage() throws {
        let pi = Double.pi.bitPattern
        var bytes: [UInt8] = [0x09] + (0..<8).map { UInt8(truncatingIfNeeded: pi >> (8 * $0)) }
        bytes += [0x1A, 0x02, 0x68, 0x69]            // field 3: "hi"
        bytes += [0x22, 0x02, 0x08, 0x07]            // field 4: message { 1: 7 }
        var reader = ProtobufReader(bytes)
        #expect(try reader.nextField()?.value.double == .pi)
        #expect(try reader.nextField()?.value.string == "hi")
        var nested = try #require(try reader.nextField()?.value.message)
        #expect(try nested.nextField()?.value.int64 == 7)
        #expect(nested.isAtEnd)
        #expect(reader.isAtEnd)
    }

    @Test func lengthPastTheEndIsTruncation() {
        var reader = ProtobufReader([0x1A, 0x05, 0x68])
        #expect(throws: ProtobufError.truncated(offset: 1)) { try reader.nextField() }
    }

    @Test func groupsAreRefused() {
        var reader = ProtobufReader([0x0B])  // field 1, wire type 3 (start group)
        #expect(throws: ProtobufError.unsupportedWireType(3, offset: 0)) { try reader.nextField() }
    }
}
