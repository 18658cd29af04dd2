import Testing
@testable import Training

/// The CSV reader's fast number parser must agree with `Double(String)` bit
/// for bit, or a file would read differently depending on the path taken.
@Suite struct DataNumberParserTests {
    func parse(_ text: String) -> Double? {
        NumberParser.parse(ArraySlice(text.utf8))
    }

    func expectSameAsStandardLibrary(_ text: String) {
        let expected = Double(text)
        let found = parse(text)
        #expect(found?.bitPattern == expected?.bitPattern || (found?.isNaN == true && expected?.isNaN == true), "\(text): \(String(describing: found)) vs \(String(describing: expected))")
    }

    @Test(arguments: [
        "0", "-0", "+0", "1", "-1", "+7", "255", "0.5", ".5", "5.", "-.25", "1e3", "1E-3", "2.5e+10", "1e22", "1e23", "1e-22",
        "1e-23", "123456789012345678", "1234567890123456789", "9007199254740993", "0.1", "0.2", "0.30000000000000004",
        "3.4028235e38", "1e39", "4.9e-324", "1e400", "00012.5000", "0.000000000000000000000000001", "nan", "NaN", "inf",
        "-infinity", "0x1p3", "1e", "e5", ".", "-", "+", "1.2.3", "1,5", "12abc", "1e+", "--1", "1e00022", "1e99999",
    ])
    func agreesWithDoubleFromStringOnEdgeCases(text: String) {
        expectSameAsStandardLibrary(text)
    }

    @Test func agreesWithDoubleFromStringOnRandomDecimals() {
        var random = SeededGenerator(seed: 2024)
        for _ in 0..<20_000 {
            var text = random.nextIndex(below: 3) == 0 ? "-" : ""
            text += String((0..<(1 + random.nextIndex(below: 12))).map { _ in Character(String(random.nextIndex(below: 10))) })
            if random.nextIndex(below: 2) == 0 {
                text += "." + String((0..<random.nextIndex(below: 12)).map { _ in Character(String(random.nextIndex(below: 10))) })
            }
            if random.nextIndex(below: 3) == 0 {
                text += "e" + (random.nextIndex(below: 2) == 0 ? "-" : "") + String(random.nextIndex(below: 40))
            }
            expectSameAsStandardLibrary(text)
        }
    }

    @Test func trimsSpacesAndTabsOnly() {
        #expect(parse("  1.5\t") == 1.5)
        #expect(parse("   ") == nil)
        #expect(parse("") == nil)
        #expect(parse("1.5\n") == nil)
    }
}
