import Testing
@testable import Training

/// Facts of scikit-learn's digits.csv (computed from the source file, not
/// from the bundled encoding), so a corrupted or re-encoded table fails.
@Suite struct DataDigitsTests {
    let digits = Digits.load()

    @Test func hasTheKnownShape() {
        #expect(digits.rows == 1797)
        #expect(digits.featureCount == 64)
        #expect(digits.task == .classification(classes: 10))
        #expect(digits.classNames == ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"])
        #expect(digits.imageShape?.height == 8 && digits.imageShape?.width == 8)
        #expect(digits.featureNames.first == "pixel_0_0" && digits.featureNames.last == "pixel_7_7")
        #expect(digits.scaling == .pooled)
    }

    @Test func pixelsAreWholeNumbersFromZeroToSixteen() {
        #expect(digits.features.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
        #expect(digits.features.min() == 0 && digits.features.max() == 16)
        #expect(digits.features.reduce(0) { $0 + Int($1) } == 561_718)
    }

    @Test func classCountsMatchTheSource() {
        #expect(digits.classCounts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    @Test func firstAndLastSamplesMatchTheSource() {
        #expect(Array(digits.featureRow(0)) == [
            0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
            0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0,
        ])
        #expect(digits.targets.first == 0)
        #expect(Array(digits.featureRow(1796)) == [
            0, 0, 10, 14, 8, 1, 0, 0, 0, 2, 16, 14, 6, 1, 0, 0, 0, 0, 15, 15, 8, 15, 0, 0, 0, 0, 5, 16, 16, 10, 0, 0,
            0, 0, 12, 15, 15, 12, 0, 0, 0, 4, 16, 6, 4, 16, 6, 0, 0, 8, 16, 10, 8, 16, 8, 0, 0, 1, 8, 12, 14, 12, 1, 0,
        ])
        #expect(digits.targets.last == 8)
    }

    /// FNV-1a (64-bit) over every sample's 64 pixels then its label, one byte
    /// each, in file order; the expected value was computed from the CSV.
    @Test func checksumOfEveryValueMatchesTheSource() {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        for row in 0..<digits.rows {
            for pixel in digits.featureRow(row) { mix(UInt8(pixel)) }
            mix(UInt8(digits.targets[row]))
        }
        #expect(hash == 0x7768_69CC_E379_5967)
    }

    @Test func isLoadedByNameAndFingerprintsStably() throws {
        let byName = try DataCatalog.load(name: "digits")
        #expect(byName.features == digits.features)
        #expect(byName.contentForFingerprint == digits.contentForFingerprint)
        #expect(byName.contentForFingerprint.starts(with: Array("tracker-data/1".utf8)))
    }
}
