import Testing
@testable import Training

/// weight_norm and sparsity are computed lane-wise for speed; they must
/// still mean sqrt(sum w^2) and the fraction |w| < threshold over Dense
/// weights only, including the odd-sized tail of every layer.
@Suite struct DiagnosticsTests {
    static func network() -> Network {
        let configuration = TestData.configuration { $0.hiddenSizes = [7, 5] }
        let network = Network(architecture: Architecture(configuration: configuration, features: 3, task: .regression))
        var random = RandomSource(seed: 21)
        network.initialize(.he, random: &random)
        // Biases far from zero and large: they must count in neither figure.
        for index in network.store.values.indices where network.store.penalized[index] == 0 { network.store.values[index] = 100 }
        // Some tiny weights, in vector bodies and in tails, of both signs.
        for (position, index) in network.store.weightRanges.flatMap({ $0 }).enumerated() where position % 5 == 0 {
            network.store.values[index] = position % 2 == 0 ? 1e-5 : -1e-5
        }
        return network
    }

    @Test func weightNormIsTheL2NormOfDenseWeights() {
        let network = Self.network()
        let weights = network.store.weightRanges.flatMap { network.store.values[$0] }
        #expect(weights.count == 3 * 7 + 7 * 5 + 5 * 1)
        let expected = weights.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs(network.weightNorm - expected) <= 1e-12 * expected)
    }

    @Test(arguments: [1e-3, 1e-6, 0.5, 10])
    func sparsityIsTheFractionOfSmallDenseWeights(threshold: Double) {
        let network = Self.network()
        let weights = network.store.weightRanges.flatMap { network.store.values[$0] }
        let expected = Double(weights.filter { abs($0) < Float(threshold) }.count) / Double(weights.count)
        #expect(network.sparsity(threshold: threshold) == expected)
    }
}
