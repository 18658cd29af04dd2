import Testing
@testable import HTTPServer

@Suite("Canonical Huffman codes")
struct HuffmanCodeTests {
    /// Kraft sum of the used lengths, times 2^15: exactly 2^15 for a complete code.
    static func kraftSum(_ lengths: [Int]) -> Int {
        lengths.filter { $0 > 0 }.reduce(0) { $0 + (1 << (15 - $1)) }
    }

    static func isPrefixFree(_ code: HuffmanCode) -> Bool {
        let words = code.lengths.indices.filter { code.lengths[$0] > 0 }.map { symbol -> String in
            let length = code.lengths[symbol]
            // Undo the bit reversal to read the code as sent, MSB first.
            return String((0..<length).map { code.reversedCodes[symbol] >> UInt32($0) & 1 == 1 ? "1" : "0" })
        }
        for first in words.indices {
            for second in words.indices where first != second && words[second].hasPrefix(words[first]) {
                return false
            }
        }
        return true
    }

    @Test func theRFCExampleGetsItsCanonicalCodes() {
        // RFC 1951, section 3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give
        // F=00, A=010 ... E=110, G=1110, H=1111.
        let code = HuffmanCode(lengths: [3, 3, 3, 3, 3, 2, 4, 4])
        let expected: [(UInt32, Int)] = [(0b010, 3), (0b011, 3), (0b100, 3), (0b101, 3), (0b110, 3), (0b00, 2), (0b1110, 4), (0b1111, 4)]
        for (symbol, (bits, length)) in expected.enumerated() {
            var reversed: UInt32 = 0
            for bit in 0..<length where bits & (1 << UInt32(bit)) != 0 { reversed |= 1 << UInt32(length - 1 - bit) }
            #expect(code.reversedCodes[symbol] == reversed, "symbol \(symbol)")
        }
    }

    @Test func frequentSymbolsGetShorterCodes() {
        let code = HuffmanCode(frequencies: [100, 50, 25, 12, 6, 3, 2, 1, 0, 0], maximumLength: 15)
        #expect(code.lengths[8] == 0 && code.lengths[9] == 0)
        for symbol in 0..<7 { #expect(code.lengths[symbol] <= code.lengths[symbol + 1]) }
        #expect(Self.kraftSum(code.lengths) == 1 << 15)
        #expect(Self.isPrefixFree(code))
    }

    @Test func fibonacciWeightsAreLimitedToTheMaximumLength() {
        // Fibonacci frequencies make the deepest possible tree: 29 symbols
        // would need codes of 28 bits without the limit.
        var frequencies = [1, 1]
        while frequencies.count < 29 { frequencies.append(frequencies[frequencies.count - 1] + frequencies[frequencies.count - 2]) }
        let code = HuffmanCode(frequencies: frequencies, maximumLength: 15)
        #expect(code.lengths.max() == 15)
        #expect(code.lengths.allSatisfy { $0 > 0 })
        #expect(Self.kraftSum(code.lengths) == 1 << 15)
        #expect(Self.isPrefixFree(code))

        let lengthCode = HuffmanCode(frequencies: Array(frequencies.prefix(19)), maximumLength: 7)
        #expect(lengthCode.lengths.max()! <= 7)
        #expect(Self.kraftSum(lengthCode.lengths) == 1 << 15)
    }

    @Test(arguments: [[0, 0, 0, 5], [0, 0, 0, 0], [7]])
    func fewerThanTwoUsedSymbolsStillMakeACompleteCode(frequencies: [Int]) {
        let padded = frequencies.count < 2 ? frequencies + [0] : frequencies
        let code = HuffmanCode(frequencies: padded, maximumLength: 15)
        #expect(code.lengths.filter { $0 > 0 }.count == 2)
        #expect(Self.kraftSum(code.lengths) == 1 << 15)
        if let used = frequencies.firstIndex(where: { $0 > 0 }) { #expect(code.lengths[used] == 1) }
    }

    @Test func randomFrequenciesAlwaysGiveCompletePrefixFreeCodes() {
        var generator = SeededGenerator(seed: 99)
        for _ in 0..<50 {
            let frequencies = (0..<286).map { _ in Bool.random(using: &generator) ? Int.random(in: 0...10_000, using: &generator) : 0 }
            let code = HuffmanCode(frequencies: frequencies, maximumLength: 15)
            #expect(code.lengths.max()! <= 15)
            #expect(Self.kraftSum(code.lengths) == 1 << 15)
            for (frequency, length) in zip(frequencies, code.lengths) { #expect((frequency > 0) == (length > 0)) }
        }
    }
}
