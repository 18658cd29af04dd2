/// The gzip file format (RFC 1952) around a DEFLATE stream: what browsers
/// accept as `Content-Encoding: gzip`.
public enum Gzip {
    /// `input` as a gzip member: a 10-byte header, the DEFLATE data, and a
    /// trailer holding the CRC-32 and the length modulo 2^32 of `input`.
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [
            0x1F, 0x8B,  // magic
            8,           // compression method: DEFLATE
            0,           // flags: no name, comment or extra field
            0, 0, 0, 0,  // modification time: none
            0,           // extra flags
            255,         // operating system: unknown
        ]
        output += Deflate.compress(input)
        appendLittleEndian(CRC32.checksum(input), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: input.count), to: &output)
        return output
    }

    private static func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) {
            output.append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }
}
