/// A DEFLATE compressor (RFC 1951). LZ77 with hash chains over a 32 KB
/// window and one step of lazy matching turns the input into tokens
/// (literal bytes and length/distance pairs); each block of tokens is then
/// written with Huffman codes built for it (block type 2), or with the
/// fixed codes (type 1) where those come out smaller, as for tiny inputs.
public enum Deflate {
    /// The raw DEFLATE stream of `input` (no gzip or zlib wrapper).
    public static func compress(_ input: [UInt8]) -> [UInt8] {
        let tokens = input.withUnsafeBufferPointer(tokenize)
        var writer = BitWriter(reservingCapacity: input.count / 3 + 64)
        var start = 0
        repeat {
            let end = min(start + tokensPerBlock, tokens.count)
            writeBlock(tokens[start..<end], isLast: end == tokens.count, to: &writer)
            start = end
        } while start < tokens.count
        return writer.finish()
    }

    static let endOfBlock = 256
    static let minimumMatch = 3
    static let maximumMatch = 258
    static let windowSize = 32_768
    /// Tokens per block: new codes every 64 K tokens follow changes in the
    /// data while the header (about 80 bytes) stays negligible.
    static let tokensPerBlock = 1 << 16
    /// A match at least this long is taken without looking one byte ahead.
    static let lazyMatchLimit = 32

    /// A literal byte (`distance` 0) or a back reference.
    struct Token {
        let lengthOrLiteral: UInt16
        let distance: UInt16

        static func literal(_ byte: UInt8) -> Token { Token(lengthOrLiteral: UInt16(byte), distance: 0) }
        var isLiteral: Bool { distance == 0 }
    }

    /// LZ77 with one step of lazy matching, as zlib does: a match is dropped
    /// for a literal when the next position starts a longer one.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 2)
        let matcher = MatchFinder(bytes)
        var position = 0
        while position < bytes.count {
            guard var match = matcher.longestMatch(at: position) else {
                tokens.append(.literal(bytes[position]))
                position += 1
                continue
            }
            var insertedThrough = position
            if match.length < lazyMatchLimit, position + 1 < bytes.count {
                insertedThrough = position + 1
                if let next = matcher.longestMatch(at: position + 1), next.length > match.length {
                    tokens.append(.literal(bytes[position]))
                    position += 1
                    match = next
                }
            }
            tokens.append(Token(lengthOrLiteral: UInt16(match.length), distance: UInt16(match.distance)))
            for skipped in insertedThrough + 1 ..< position + match.length {
                matcher.insert(skipped)
            }
            position += match.length
        }
        return tokens
    }

    // MARK: Blocks

    private static func writeBlock(_ tokens: ArraySlice<Token>, isLast: Bool, to writer: inout BitWriter) {
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        for token in tokens {
            if token.isLiteral {
                literalFrequencies[Int(token.lengthOrLiteral)] += 1
            } else {
                literalFrequencies[257 + lengthCodeIndex[Int(token.lengthOrLiteral)]] += 1
                distanceFrequencies[distanceCodeIndex(Int(token.distance))] += 1
            }
        }
        literalFrequencies[endOfBlock] = 1

        let dynamic = DynamicHeader(
            literals: HuffmanCode(frequencies: literalFrequencies, maximumLength: 15),
            distances: HuffmanCode(frequencies: distanceFrequencies, maximumLength: 15)
        )
        // Extra bits cost the same under both codes, so they are left out.
        func dataBits(_ literals: HuffmanCode, _ distances: HuffmanCode) -> Int {
            zip(literalFrequencies, literals.lengths).reduce(0) { $0 + $1.0 * $1.1 }
                + zip(distanceFrequencies, distances.lengths).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let dynamicBits = dynamic.bitCount + dataBits(dynamic.literals, dynamic.distances)
        let fixedBits = dataBits(fixedLiteralCode, fixedDistanceCode)

        writer.write(isLast ? 1 : 0, bitCount: 1)
        if dynamicBits < fixedBits {
            writer.write(2, bitCount: 2)
            dynamic.write(to: &writer)
            writeTokens(tokens, literals: dynamic.literals, distances: dynamic.distances, to: &writer)
        } else {
            writer.write(1, bitCount: 2)
            writeTokens(tokens, literals: fixedLiteralCode, distances: fixedDistanceCode, to: &writer)
        }
    }

    private static func writeTokens(
        _ tokens: ArraySlice<Token>, literals: HuffmanCode, distances: HuffmanCode, to writer: inout BitWriter
    ) {
        for token in tokens {
            if token.isLiteral {
                let symbol = Int(token.lengthOrLiteral)
                writer.write(literals.reversedCodes[symbol], bitCount: literals.lengths[symbol])
                continue
            }
            let length = Int(token.lengthOrLiteral)
            let lengthIndex = lengthCodeIndex[length]
            writer.write(literals.reversedCodes[257 + lengthIndex], bitCount: literals.lengths[257 + lengthIndex])
            writer.write(UInt32(length - lengthBases[lengthIndex]), bitCount: lengthExtraBits[lengthIndex])

            let distance = Int(token.distance)
            let distanceIndex = distanceCodeIndex(distance)
            writer.write(distances.reversedCodes[distanceIndex], bitCount: distances.lengths[distanceIndex])
            writer.write(UInt32(distance - distanceBases[distanceIndex]), bitCount: distanceExtraBits[distanceIndex])
        }
        writer.write(literals.reversedCodes[endOfBlock], bitCount: literals.lengths[endOfBlock])
    }

    // MARK: The tables of RFC 1951, sections 3.2.5 and 3.2.6

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

    static func distanceCodeIndex(_ distance: Int) -> Int {
        distance <= 256 ? Int(distanceCodeIndexSmall[distance - 1]) : Int(distanceCodeIndexLarge[(distance - 1) >> 7])
    }

    /// Distance code indexes: distances 1...256 directly, larger ones by
    /// (distance - 1) >> 7, which the code boundaries above 256 all respect.
    private static let distanceCodeIndexSmall: [UInt8] = (1...256).map { distance in
        UInt8(distanceBases.lastIndex { $0 <= distance }!)
    }
    private static let distanceCodeIndexLarge: [UInt8] = (0..<256).map { bucket in
        UInt8(distanceBases.lastIndex { $0 <= bucket << 7 + 1 }!)
    }

    /// The fixed codes of block type 1: literal/length symbols 0-143 take 8
    /// bits, 144-255 take 9, 256-279 take 7, 280-287 take 8; distances 5.
    static let fixedLiteralCode = HuffmanCode(lengths: (0..<288).map { symbol in
        switch symbol {
        case 0...143: 8
        case 144...255: 9
        case 256...279: 7
        default: 8
        }
    })
    static let fixedDistanceCode = HuffmanCode(lengths: [Int](repeating: 5, count: 30))
}
