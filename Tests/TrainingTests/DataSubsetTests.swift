import Testing
@testable import Training

@Suite struct DataSubsetTests {
    @Test func aTwentyPercentSubsetOfDigitsIsStratifiedAndAnotherVersion() throws {
        let digits = Digits.load()
        let subset = try digits.subset(fraction: 0.2, seed: 0)
        #expect(subset.rows == 359)
        #expect(subset.name == "digits")
        for (part, whole) in zip(subset.classCounts, digits.classCounts) {
            #expect(abs(Double(part) - Double(whole) * 0.2) <= 1)
        }
        #expect(subset.contentForFingerprint != digits.contentForFingerprint)
        #expect(subset.source.contains("20% subset"))
    }

    @Test func subsetRowsAreSourceRowsInSourceOrder() throws {
        let data = numberedRows(300)
        let subset = try data.subset(fraction: 0.3, seed: 5)
        let rows = (0..<subset.rows).map { Int(subset.featureRow($0).first!) }
        #expect(rows.count == 90)
        #expect(rows == rows.sorted() && Set(rows).count == 90)
        #expect(subset.targets == rows.map { Float($0) * 0.5 })
    }

    @Test func subsetsAreDeterministicBySeed() throws {
        let data = numberedRows(300)
        #expect(try data.subset(fraction: 0.5, seed: 1).features == data.subset(fraction: 0.5, seed: 1).features)
        #expect(try data.subset(fraction: 0.5, seed: 1).features != data.subset(fraction: 0.5, seed: 2).features)
    }

    @Test func theWholeSetIsItsOwnFullSubset() throws {
        let csv = try CSVDataset.read(bytes: Array("a,y\n1,2.5\n3,4.5\n".utf8), file: "data.csv")
        #expect(try csv.subset(fraction: 1, seed: 0).contentForFingerprint == csv.contentForFingerprint)
        // A strict subset is no longer the file, so it is fingerprinted by value.
        let half = try csv.subset(fraction: 0.5, seed: 0)
        #expect(half.contentForFingerprint.starts(with: Array("tracker-data/1".utf8)))
    }

    @Test func subsetOfSineKeepsAFractionOfEachDesignatedSplit() throws {
        let subset = try NoisySine().generate(seed: 0).subset(fraction: 0.5, seed: 0)
        let splits = try #require(subset.designatedSplits)
        #expect((splits.train.count, splits.validation.count, splits.test.count) == (25, 25, 100))
        let prepared = try subset.prepare()
        #expect(prepared.train.rows == 25 && prepared.test.rows == 100)
    }

    @Test(arguments: [0.0, -0.5, 1.5, Double.nan])
    func badFractionsAreRejected(fraction: Double) {
        #expect(throws: DataError.self) { try numberedRows(10).subset(fraction: fraction, seed: 0) }
    }
}
