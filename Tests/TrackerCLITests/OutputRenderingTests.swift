import Foundation
import Testing
@testable import TrackerCLI
import Plots

private let sample = DataTable(
    columns: ["name", "wd", "epochs", "val_loss", "notes"],
    rows: [
        [.text("run-a"), .real(0.001), .int(120), .real(0.123456), .text("plain")],
        [.text("run-b"), .real(0), .int(80), .null, .text("has, comma and \"quotes\"\nand a newline")],
        [.text("ünïcødé"), .real(1.5e-5), .int(7), .real(12345.678), .null],
    ],
    marker: RowMarker(row: 0))

@Suite struct TableRendererTests {
    @Test func numbersAlignRightTextLeftNullsAsDash() throws {
        let table = DataTable(
            columns: ["name", "loss"],
            rows: [[.text("a"), .real(0.5)], [.text("longer"), .real(12.25)], [.text("c"), .null]])
        let lines = TableRenderer().render(table).split(separator: "\n").map(String.init)
        #expect(lines == [
            "name     loss",
            "──────  ─────",
            "a         0.5",
            "longer  12.25",
            "c           -",
        ])
    }

    @Test func theMarkedRowIsFlaggedInItsOwnColumn() {
        let lines = TableRenderer().render(sample).split(separator: "\n")
        #expect(lines[2].hasPrefix("*  run-a"))
        #expect(lines[3].hasPrefix("   run-b"))
    }

    @Test func aNarrowTerminalCutsTextButNeverNumbers() {
        let table = DataTable(
            columns: ["name", "loss"],
            rows: [[.text(String(repeating: "x", count: 50)), .real(0.123456)]])
        let text = TableRenderer(maximumWidth: 30).render(table)
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 30 })
        #expect(lines[2].hasSuffix("0.1235"))
        #expect(lines[2].contains("…"))
    }

    @Test(arguments: [
        (0.123456, "0.1235"), (0.001, "0.001"), (1.5e-5, "1.5e-05"), (12345.678, "12346"), (0, "0"),
        (2.0, "2"), (-0.25, "-0.25"), (1e20, "1e+20"), (Double.nan, "nan"), (-Double.infinity, "-inf"), (9.99996, "10"),
    ])
    func tablesShowAboutFourSignificantDigits(value: Double, text: String) {
        #expect(NumberFormatting.compact(value) == text)
    }

    /// `compact` prints fixed-point numbers itself; printf (through
    /// Foundation) is the reference, halfway cases and sign included.
    @Test func compactRoundsAsPrintfDoes() {
        var random = SeededRandom(seed: 42)
        var values: [Double] = [0.5, 1.5, 2.5, 0.00015, 0.00025, 1.0005, 999.95, 9999.5, 123.45, -0.00035, 99999999999999.9]
        for _ in 0..<4000 {
            let decimals = Double(random.next() % 9)
            let integer = Double(Int64(random.next() % 4_000_000) - 2_000_000)
            values.append(integer / pow(10, decimals))  // decimal-looking values
            values.append((integer + 0.5) / pow(10, decimals))  // halfway before division
            values.append(random.symmetric() * pow(10, Double(random.next() % 20) - 5))  // any magnitude
        }
        var mismatches: [String] = []
        for value in values where value != 0 {
            let magnitude = Int(floor(log10(abs(value))))
            guard magnitude < 15, magnitude >= -4 else { continue }
            var printed = String(format: "%.\(max(0, 3 - magnitude))f", value)
            if printed.contains(".") {
                while printed.hasSuffix("0") { printed.removeLast() }
                if printed.hasSuffix(".") { printed.removeLast() }
            }
            if printed == "-0" { printed = "0" }
            if NumberFormatting.compact(value) != printed { mismatches.append("\(value): \(NumberFormatting.compact(value)) vs \(printed)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func widthsCountCharactersNotBytes() {
        let table = DataTable(columns: ["name", "n"], rows: [[.text("ünï"), .int(1)], [.text("ab\r\ncd"), .int(22)], [.text("x"), .int(3)]])
        let lines = TableRenderer().render(table).split(separator: "\n", omittingEmptySubsequences: false)
        // "ab\r\ncd" is five characters (CR LF is one), so the name column is five wide.
        #expect(lines[0] == "name    n")
        #expect(lines[2] == "ünï     1")
        #expect(lines[4] == "x       3")
    }
}

@Suite struct CSVRendererTests {
    @Test func numbersAreTheShortestTextThatReadsBackExactly() {
        var random = SeededRandom(seed: 7)
        var values: [Double] = [0, -0.0, 1, -3, 1e15, 0.1, 1.0 / 3, -2.5e-300, .infinity, -.infinity, .greatestFiniteMagnitude]
        for _ in 0..<5000 { values.append(Double(bitPattern: random.next())) }
        for value in values where !value.isNaN {
            let text = CSVRenderer.text(.real(value))
            let expected = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            #expect(text == expected)
            #expect(Double(text) == value || value.isInfinite)
        }
        #expect(CSVRenderer.text(.real(-.nan)) == "nan")
        #expect(CSVRenderer.text(.real(Double(bitPattern: 0x7ff4_0000_0000_0001))) == "nan")
    }

    @Test func fieldsAreQuotedAsRFC4180Says() {
        #expect(CSVRenderer.quoted("plain") == "plain")
        #expect(CSVRenderer.quoted("a,b") == "\"a,b\"")
        #expect(CSVRenderer.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.quoted("two\nlines") == "\"two\nlines\"")
    }

    @Test func csvParsesBackToTheSameCells() throws {
        let records = try parseCSV(CSVRenderer().render(sample))
        #expect(records[0] == ["best", "name", "wd", "epochs", "val_loss", "notes"])
        #expect(records.count == 4)
        #expect(records[1] == ["true", "run-a", "0.001", "120", "0.123456", "plain"])
        #expect(records[2] == ["false", "run-b", "0", "80", "", "has, comma and \"quotes\"\nand a newline"])
        #expect(records[3][1] == "ünïcødé")
        #expect(Double(records[3][2]) == 1.5e-5)
        #expect(Double(records[3][4]) == 12345.678)
    }

    /// A strict RFC 4180 reader, independent of the writer under test.
    private func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                try #require(field.isEmpty, "a quote in the middle of an unquoted field")
                inQuotes = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(character)
            }
        }
        try #require(!inQuotes && record.isEmpty && field.isEmpty, "the text must end with a complete record")
        return records
    }
}

@Suite struct JSONRendererTests {
    @Test func jsonParsesBackAsAnArrayOfObjects() throws {
        let data = Data(JSONRenderer().render(sample).utf8)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects.count == 3)
        #expect(objects[0]["best"] as? Bool == true)
        #expect(objects[0]["name"] as? String == "run-a")
        #expect(objects[0]["wd"] as? Double == 0.001)
        #expect(objects[0]["epochs"] as? Int == 120)
        #expect(objects[1]["val_loss"] is NSNull)
        #expect(objects[1]["notes"] as? String == "has, comma and \"quotes\"\nand a newline")
        #expect(objects[2]["name"] as? String == "ünïcødé")
        #expect(objects[2]["wd"] as? Double == 1.5e-5)
        #expect(objects[2]["notes"] is NSNull)
    }

    @Test func keysKeepTheColumnOrder() {
        let text = JSONRenderer().render(DataTable(columns: ["z", "a"], rows: [[.int(1), .int(2)]]))
        #expect(text == "[\n  {\"z\": 1, \"a\": 2}\n]\n")
    }

    @Test func controlCharactersAndNonFiniteNumbersStayValidJSON() throws {
        let table = DataTable(columns: ["s", "x"], rows: [[.text("tab\there \u{01} back\\slash"), .real(.nan)]])
        let data = Data(JSONRenderer().render(table).utf8)
        let objects = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(objects[0]["s"] as? String == "tab\there \u{01} back\\slash")
        #expect(objects[0]["x"] is NSNull)
    }

    @Test func emptyTablesAreEmptyArrays() {
        #expect(JSONRenderer().render(DataTable(columns: ["a"])) == "[]\n")
    }

    @Test func jsonLinesHaveOneParsableObjectPerLine() throws {
        let lines = OutputFormat.jsonl.render(sample).split(separator: "\n")
        #expect(lines.count == 3)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["name"] is String)
        }
    }
}
