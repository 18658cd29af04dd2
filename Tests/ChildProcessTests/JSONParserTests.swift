import Testing
@testable import ChildProcess

@Suite("JSON parser: int vs real, Python's NaN, precise errors")
struct JSONParserTests {
    func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func integersStayIntegersAndRealsStayReals() throws {
        #expect(try parse("3") == .integer(3))
        #expect(try parse("3.0") == .real(3.0))
        #expect(try parse("-1e-3") == .real(-0.001))
        #expect(try parse("9223372036854775807") == .integer(.max))
        // Past Int64 it is still a number, as a real.
        #expect(try parse("92233720368547758070") == .real(92233720368547758070.0))
    }

    @Test func pythonsBareNaNAndInfinityAreReals() throws {
        let value = try parse(#"{"a": NaN, "b": Infinity, "c": -Infinity}"#)
        guard case .object(let members) = value else { Issue.record("not an object: \(value)"); return }
        #expect(members.map(\.key) == ["a", "b", "c"])
        guard case .real(let nan) = members[0].value else { Issue.record("NaN is not a real"); return }
        #expect(nan.isNaN)
        #expect(members[1].value == .real(.infinity))
        #expect(members[2].value == .real(-.infinity))
    }

    @Test func stringsDecodeEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c\né😀"))
        #expect(try parse(#""grüße""#) == .string("grüße"))
    }

    @Test func nestedValuesKeepOrder() throws {
        #expect(try parse(#"{"z": [1, true, null], "a": {"b": "c"}}"#)
            == .object([("z", .array([.integer(1), .bool(true), .null])), ("a", .object([("b", .string("c"))]))]))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "expected a quoted key at byte 9"),
        ("{\"a\" 1}", "expected ':' after key \"a\" at byte 6"),
        ("[1 2]", "expected ',' or ']' at byte 4"),
        ("{\"a\": 01}", "leading zero in a number at byte 7"),
        ("{\"a\": 1} x", "unexpected text after the JSON value at byte 10"),
        ("{\"a\": 1, \"a\": 2}", "duplicate key \"a\" at byte 10"),
        ("\"abc", "unterminated string at byte 5"),
        ("nul", "unexpected end of line at byte 4"),
        ("nil", "unexpected character 'i' at byte 2"),
        ("{\"a\": .5}", "unexpected character '.' at byte 7"),
        ("\"\\ud800\"", "lone surrogate \\ud800 at byte 8"),
        ("", "unexpected end of line at byte 1"),
    ])
    func syntaxErrorsNameTheProblemAndItsByte(text: String, expected: String) {
        do {
            let value = try parse(text)
            Issue.record("parsed as \(value)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParser.SyntaxError.self) { try parse(text) }
    }
}
