/// The header of a dynamic-Huffman block (RFC 1951, section 3.2.7): the
/// code lengths of both codes, run-length coded, themselves Huffman coded
/// with a small code-length code.
struct DynamicHeader {
    let literals: HuffmanCode
    let distances: HuffmanCode
    /// Lengths sent: trailing unused symbols are left out (at least 257
    /// literal/length and 1 distance code must be sent).
    private let literalCount: Int
    private let distanceCount: Int
    private let runs: [Run]
    private let lengthCode: HuffmanCode
    private let lengthCodeCount: Int

    /// One code-length symbol: 0-15 a length, 16 repeats the previous
    /// length 3-6 times, 17 repeats zero 3-10 times, 18 repeats zero 11-138 times.
    private struct Run {
        let symbol: Int
        let extra: UInt32
        var extraBitCount: Int { [16: 2, 17: 3, 18: 7][symbol] ?? 0 }
    }

    /// The order in which the code-length code's own lengths are sent,
    /// rarest last so that trailing zeros can be cut.
    private static let lengthCodeOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    init(literals: HuffmanCode, distances: HuffmanCode) {
        self.literals = literals
        self.distances = distances
        literalCount = max(257, (literals.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        distanceCount = max(1, (distances.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
        runs = Self.runLengths(Array(literals.lengths[..<literalCount]) + Array(distances.lengths[..<distanceCount]))

        var frequencies = [Int](repeating: 0, count: 19)
        for run in runs { frequencies[run.symbol] += 1 }
        let lengthCode = HuffmanCode(frequencies: frequencies, maximumLength: 7)
        self.lengthCode = lengthCode
        let lastSent = Self.lengthCodeOrder.lastIndex { lengthCode.lengths[$0] > 0 } ?? 0
        lengthCodeCount = max(4, lastSent + 1)
    }

    /// The header's size in bits, to compare with the fixed codes.
    var bitCount: Int {
        5 + 5 + 4 + 3 * lengthCodeCount + runs.reduce(0) { $0 + lengthCode.lengths[$1.symbol] + $1.extraBitCount }
    }

    func write(to writer: inout BitWriter) {
        writer.write(UInt32(literalCount - 257), bitCount: 5)
        writer.write(UInt32(distanceCount - 1), bitCount: 5)
        writer.write(UInt32(lengthCodeCount - 4), bitCount: 4)
        for symbol in Self.lengthCodeOrder.prefix(lengthCodeCount) {
            writer.write(UInt32(lengthCode.lengths[symbol]), bitCount: 3)
        }
        for run in runs {
            writer.write(lengthCode.reversedCodes[run.symbol], bitCount: lengthCode.lengths[run.symbol])
            writer.write(run.extra, bitCount: run.extraBitCount)
        }
    }

    /// Code lengths as code-length symbols. Runs may cross from the
    /// literal/length lengths into the distance lengths: they are one sequence.
    private static func runLengths(_ lengths: [Int]) -> [Run] {
        var runs: [Run] = []
        var index = 0
        while index < lengths.count {
            let length = lengths[index]
            var count = 1
            while index + count < lengths.count, lengths[index + count] == length { count += 1 }
            index += count
            if length == 0 {
                while count >= 11 {
                    let taken = min(count, 138)
                    runs.append(Run(symbol: 18, extra: UInt32(taken - 11)))
                    count -= taken
                }
                if count >= 3 {
                    runs.append(Run(symbol: 17, extra: UInt32(count - 3)))
                    count = 0
                }
            } else {
                runs.append(Run(symbol: length, extra: 0))
                count -= 1
                while count >= 3 {
                    let taken = min(count, 6)
                    runs.append(Run(symbol: 16, extra: UInt32(taken - 3)))
                    count -= taken
                }
            }
            runs += [Run](repeating: Run(symbol: length, extra: 0), count: count)
        }
        return runs
    }
}
