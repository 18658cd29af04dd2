/// A DEFLATE compressor (RFC 1951): LZ77 matching over a 32 KB window with
/// hash chains, then one block coded with the fixed Huffman codes (block
/// type 1).
///
/// Fixed codes need no code tables in the output and suit what this server
/// sends (HTML, JSON, CSV: text with long repeats); dynamic codes would save
/// roughly another 10-20% on such text at several times the code size.
public enum Deflate {
    /// The raw DEFLATE stream of `input` (no gzip or zlib wrapper).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter(reservingCapacity: input.count / 2 + 16)
        writer.write(1, bitCount: 1)  // BFINAL: this is the last block
        writer.write(1, bitCount: 2)  // BTYPE 01: fixed Huffman codes
        input.withUnsafeBufferPointer { bytes in
            var matcher = MatchFinder(bytes)
            var position = 0
            while position < bytes.count {
                if let match = matcher.longestMatch(at: position) {
                    writeMatch(length: match.length, distance: match.distance, to: &writer)
                    for skipped in position + 1 ..< position + match.length {
                        matcher.insert(skipped)
                    }
                    position += match.length
                } else {
                    writeSymbol(Int(bytes[position]), to: &writer)
                    position += 1
                }
            }
        }
        writeSymbol(endOfBlock, to: &writer)
        return writer.finish()
    }

    static let endOfBlock = 256
    static let minimumMatch = 3
    static let maximumMatch = 258
    static let windowSize = 32_768

    private static func writeSymbol(_ symbol: Int, to writer: inout BitWriter) {
        let code = literalLengthCodes[symbol]
        writer.write(code.reversedBits, bitCount: code.length)
    }

    private static func writeMatch(length: Int, distance: Int, to writer: inout BitWriter) {
        let lengthIndex = lengthCodeIndex[length]
        writeSymbol(257 + lengthIndex, to: &writer)
        writer.write(UInt32(length - lengthBases[lengthIndex]), bitCount: lengthExtraBits[lengthIndex])

        let distanceIndex = distance <= 256
            ? Int(distanceCodeIndexSmall[distance - 1])
            : Int(distanceCodeIndexLarge[(distance - 1) >> 7])
        writer.writeHuffmanCode(UInt32(distanceIndex), length: 5)
        writer.write(UInt32(distance - distanceBases[distanceIndex]), bitCount: distanceExtraBits[distanceIndex])
    }

    // MARK: The tables of RFC 1951, section 3.2.5 and 3.2.6

    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                              35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                  3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                8193, 12289, 16385, 24577]
    static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// For each match length 0...258, the index of its length code (entries
    /// below 3 are unused).
    static let lengthCodeIndex: [Int] = (0...maximumMatch).map { length in
        lengthBases.lastIndex { $0 <= length } ?? 0
    }

    /// Distance code indexes: distances 1...256 directly, larger ones by
    /// (distance - 1) >> 7, which the code boundaries above 256 all respect.
    static let distanceCodeIndexSmall: [UInt8] = (1...256).map { distance in
        UInt8(distanceBases.lastIndex { $0 <= distance }!)
    }
    static let distanceCodeIndexLarge: [UInt8] = (0..<256).map { bucket in
        let distance = bucket << 7 + 1
        return UInt8(distanceBases.lastIndex { $0 <= distance }!)
    }

    /// The fixed literal/length code of each symbol 0...287, bit-reversed
    /// once here so that writing one is a single `write`.
    static let literalLengthCodes: [(reversedBits: UInt32, length: Int)] = (0..<288).map { symbol in
        let (code, length): (Int, Int) = switch symbol {
        case 0...143: (0x30 + symbol, 8)
        case 144...255: (0x190 + symbol - 144, 9)
        case 256...279: (symbol - 256, 7)
        default: (0xC0 + symbol - 280, 8)
        }
        var reversed: UInt32 = 0
        for bit in 0..<length where code & (1 << bit) != 0 {
            reversed |= 1 << UInt32(length - 1 - bit)
        }
        return (reversed, length)
    }
}

/// Finds earlier occurrences of the bytes at a position: positions are
/// chained by a hash of their first three bytes, newest first.
struct MatchFinder {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The newest position for each hash, or -1.
    private var head: [Int32]
    /// For each position (modulo the window), the previous position with the same hash.
    private var previous: [Int32]

    /// How many candidates to compare before settling: more finds longer
    /// matches on repetitive text at a cost that grows with it; 64 keeps a
    /// 1 MB JSON page well under a frame of CPU in a release build.
    private static let maximumChain = 64
    private static let hashBits = 15

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        head = [Int32](repeating: -1, count: 1 << Self.hashBits)
        previous = [Int32](repeating: -1, count: Deflate.windowSize)
    }

    private func hash(at position: Int) -> Int {
        let mixed = (UInt32(bytes[position]) << 16) | (UInt32(bytes[position + 1]) << 8) | UInt32(bytes[position + 2])
        return Int((mixed &* 2_654_435_761) >> UInt32(32 - Self.hashBits))
    }

    /// Records `position` as a candidate for later matches.
    mutating func insert(_ position: Int) {
        guard position + Deflate.minimumMatch <= bytes.count else { return }
        let slot = hash(at: position)
        previous[position & (Deflate.windowSize - 1)] = head[slot]
        head[slot] = Int32(position)
    }

    /// Inserts `position` and returns the longest earlier match of at least
    /// three bytes within the window, the nearest one among equals.
    mutating func longestMatch(at position: Int) -> (length: Int, distance: Int)? {
        guard position + Deflate.minimumMatch <= bytes.count else { return nil }
        let slot = hash(at: position)
        var candidate = Int(head[slot])
        previous[position & (Deflate.windowSize - 1)] = head[slot]
        head[slot] = Int32(position)

        let limit = min(Deflate.maximumMatch, bytes.count - position)
        var bestLength = Deflate.minimumMatch - 1
        var bestDistance = 0
        var chain = 0
        while candidate >= 0, position - candidate <= Deflate.windowSize, chain < Self.maximumChain {
            // Checking the byte that would extend the best match first rejects
            // most candidates with one comparison.
            if bytes[candidate + bestLength] == bytes[position + bestLength] {
                var length = 0
                while length < limit, bytes[candidate + length] == bytes[position + length] {
                    length += 1
                }
                if length > bestLength {
                    bestLength = length
                    bestDistance = position - candidate
                    if length == limit { break }
                }
            }
            let next = Int(previous[candidate & (Deflate.windowSize - 1)])
            // A slot reused by a newer position ends the chain: it no longer
            // leads further back.
            guard next < candidate else { break }
            candidate = next
            chain += 1
        }
        return bestLength >= Deflate.minimumMatch ? (bestLength, bestDistance) : nil
    }
}
