import Testing
@testable import Training

@Suite struct MemoryBudgetTests {
    static let gigabyte = 1e9

    @Test func sizesBeyondIntAreRefusedNotTrapped() throws {
        let configuration = TestData.configuration { $0.hiddenSizes = [9_999_999_999, 9_999_999_999] }
        let error = try #require(throws: ConfigurationError.self) { try configuration.validate() }
        #expect(error.key == "hidden")
        #expect(error.message == "--hidden: hidden layers 9999999999,9999999999 have more weights than this machine can count; use smaller layers")
        let architecture = Architecture(configuration: configuration, features: 64, task: .classification(classes: 10))
        #expect(architecture.checkedParameterCount == nil)
    }

    @Test func aNetworkLargerThanTheBudgetIsRefusedWithItsSize() throws {
        let configuration = TestData.configuration { $0.hiddenSizes = [100_000, 100_000] }
        let budget = MemoryBudget(limitBytes: 8 * Self.gigabyte, physicalBytes: 16 * Self.gigabyte)
        let error = try #require(throws: ConfigurationError.self) {
            try configuration.validate(for: TestData.blobs(seed: 1), budget: budget)
        }
        #expect(error.key == "hidden")
        let data = TestData.blobs(seed: 1)
        let needed = MemoryBudget.bytesNeeded(
            architecture: Architecture(configuration: configuration, features: data.featureCount, task: data.task),
            configuration: configuration, trainRows: data.train.rows)
        // 100000 x 100000 weights alone are 40 GB as floats; with Adam the estimate holds seven copies.
        #expect(needed > 7 * 4e10)
        #expect(error.message.contains("training a 4-100000-100000-3 network needs about \(MemoryBudget.describe(needed))"), "\(error.message)")
        #expect(error.message.contains("more than the 8.0 GB allowed (half of this machine's 16 GB)"))
        // The same check runs before the data is loaded, from the hidden sizes alone.
        let early = try #require(throws: ConfigurationError.self) { try configuration.validate(budget: budget) }
        #expect(early.message.hasPrefix("--hidden: training hidden layers 100000,100000 needs at least "))
    }

    @Test func theEstimateCountsParametersOptimizerStateAndActivations() {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [10]
            $0.batchSize = .rows(4000)
            $0.optimizer = .momentum
        }
        let architecture = Architecture(configuration: configuration, features: 3, task: .classification(classes: 2))
        let parameters = Double(3 * 10 + 10 + 10 * 2 + 2)
        // Widths: inputs 3, dense 10, relu (same width, no new count), output 2; plus the outputs again for targets.
        let activations = 3 * 4000 * Double(3 + 10 + 2 + 2)
        let data = 5000 * Double(3 + 2)
        let expected = 4 * ((5 + 1) * parameters + activations + data)
        #expect(MemoryBudget.bytesNeeded(architecture: architecture, configuration: configuration, trainRows: 5000) == expected)
    }

    @Test func everydaySizesPassOnThisMachine() throws {
        try TestData.configuration { $0.hiddenSizes = [512, 512, 512] }.validate(for: TestData.blobs(seed: 1))
        #expect(MemoryBudget.machine.limitBytes > 0)
    }
}
