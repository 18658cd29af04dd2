/// A canonical Huffman code (RFC 1951, section 3.2.2): the code is fully
/// given by each symbol's code length, which is all a dynamic block sends.
struct HuffmanCode {
    /// The code length of each symbol; 0 for a symbol that never occurs.
    let lengths: [Int]
    /// Each symbol's code, bit-reversed so that `BitWriter.write` emits it
    /// most significant bit first, as DEFLATE requires.
    let reversedCodes: [UInt32]

    init(lengths: [Int]) {
        self.lengths = lengths
        let maximum = lengths.max() ?? 0
        var countPerLength = [Int](repeating: 0, count: maximum + 1)
        for length in lengths where length > 0 { countPerLength[length] += 1 }
        // The first code of each length follows the last code of the
        // length below, shifted left by one.
        var nextCode = [UInt32](repeating: 0, count: maximum + 2)
        var code: UInt32 = 0
        for length in stride(from: 1, through: maximum, by: 1) {
            code = (code + UInt32(countPerLength[length - 1])) << 1
            nextCode[length] = code
        }
        var reversed = [UInt32](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length > 0 {
            reversed[symbol] = Self.reverse(nextCode[length], bitCount: length)
            nextCode[length] += 1
        }
        reversedCodes = reversed
    }

    /// The optimal code for `frequencies` with no code longer than
    /// `maximumLength`. When the optimal tree is too deep, frequencies are
    /// halved (keeping every used symbol at 1 or more) and the tree rebuilt;
    /// this converges, since equal frequencies give a balanced tree, and
    /// costs little over an exact length-limited code on real data.
    /// At least two symbols get a code, so the code is complete even when
    /// one symbol (or none) occurs, which some decoders insist on.
    init(frequencies: [Int], maximumLength: Int) {
        var weights = frequencies
        // A padding symbol costs nothing in the data, only a code length in the header.
        var usedCount = weights.filter { $0 > 0 }.count
        var symbol = 0
        while usedCount < 2, symbol < weights.count {
            if weights[symbol] == 0 {
                weights[symbol] = 1
                usedCount += 1
            }
            symbol += 1
        }
        while true {
            let lengths = Self.optimalLengths(weights)
            if (lengths.max() ?? 0) <= maximumLength {
                self.init(lengths: lengths)
                return
            }
            weights = weights.map { $0 == 0 ? 0 : ($0 + 1) / 2 }
        }
    }

    /// Code lengths of a Huffman tree, built with two queues: the leaves
    /// sorted by weight, and the merged nodes, which come out in weight order.
    private static func optimalLengths(_ weights: [Int]) -> [Int] {
        let leaves = weights.indices.filter { weights[$0] > 0 }.sorted { (weights[$0], $0) < (weights[$1], $1) }
        var lengths = [Int](repeating: 0, count: weights.count)
        guard leaves.count > 1 else {
            if let only = leaves.first { lengths[only] = 1 }
            return lengths
        }
        // Nodes 0..<leaves.count are the leaves in sorted order; merged
        // nodes follow in the order they are made.
        var nodeWeights = leaves.map { weights[$0] }
        var parents = [Int](repeating: -1, count: 2 * leaves.count - 1)
        var nextLeaf = 0
        var nextMerged = leaves.count
        func takeLightest() -> Int {
            if nextLeaf < leaves.count, nextMerged >= nodeWeights.count || nodeWeights[nextLeaf] <= nodeWeights[nextMerged] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextMerged += 1
            return nextMerged - 1
        }
        for _ in 0..<(leaves.count - 1) {
            let first = takeLightest()
            let second = takeLightest()
            let merged = nodeWeights.count
            nodeWeights.append(nodeWeights[first] + nodeWeights[second])
            parents[first] = merged
            parents[second] = merged
        }
        // The root is the last node made; every parent comes after its children.
        var depths = [Int](repeating: 0, count: nodeWeights.count)
        for node in stride(from: nodeWeights.count - 2, through: 0, by: -1) {
            depths[node] = depths[parents[node]] + 1
        }
        for (rank, symbol) in leaves.enumerated() {
            lengths[symbol] = depths[rank]
        }
        return lengths
    }

    private static func reverse(_ code: UInt32, bitCount: Int) -> UInt32 {
        var reversed: UInt32 = 0
        var remaining = code
        for _ in 0..<bitCount {
            reversed = (reversed << 1) | (remaining & 1)
            remaining >>= 1
        }
        return reversed
    }
}
