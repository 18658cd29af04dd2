import Testing
@testable import TrackerStore

/// Values go to PostgreSQL as text and come back as text: every Double, the
/// infinities and subnormals included, must come back as the same bits, on
/// both backends.
@Suite struct ValueRoundTripTests {
    @Test(arguments: TestBackend.all) func metricValuesComeBackBitForBit(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        var generator = SplitMix64(seed: 11)
        // Not -0.0: SQLite stores a whole-number REAL as an integer on disk, and -0.0 comes back as 0.
        var values: [Double] = [0.1 + 0.2, 1e-300, -2.2250738585072014e-308, 1.7976931348623157e308, .infinity, -.infinity, 0, 5e-324]
        for _ in 0..<200 {
            values.append(Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (generator.next() % 2 == 0 ? 1 : -1))
        }
        try store.logMetrics(run.id, points: values.enumerated().map { MetricPoint(key: "x", step: $0.offset, value: $0.element) })
        let stored = try store.history(of: run.id, metric: "x").map(\.value)
        #expect(stored.map(\.bitPattern) == values.map(\.bitPattern))
        let params: [String: ParamValue] = ["a": .real(0.1 + 0.2), "b": .real(1e-5), "c": .integer(Int64.max), "d": .text("q\"u\\o\nte"), "e": .real(3.0)]
        try store.setParams(params, for: run.id)
        #expect(try store.params(of: run.id) == params)
    }
}
