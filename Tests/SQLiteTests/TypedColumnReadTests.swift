import Testing
@testable import SQLite

@Suite("Non-generic column reads")
struct TypedColumnReadTests {
    let database: Database

    init() throws {
        database = try Database.inMemory()
    }

    /// A statement stepped onto its one row.
    func row(_ sql: String) throws -> Statement {
        let statement = try database.prepare(sql)
        #expect(try statement.step())
        return statement
    }

    @Test func eachTypeReadsWhatGenericReadsRead() throws {
        let row = try row("SELECT 7, 2.5, 'text', NULL, 3.0, 9")
        #expect(try row.int64(at: 0) == 7)
        #expect(try row.optionalInt64(at: 0) == 7)
        #expect(try row.double(at: 1) == 2.5)
        #expect(try row.optionalDouble(at: 1) == 2.5)
        #expect(try row.string(at: 2) == "text")
        #expect(try row.optionalString(at: 2) == "text")
        #expect(try row.optionalInt64(at: 3) == nil)
        #expect(try row.optionalDouble(at: 3) == nil)
        #expect(try row.optionalString(at: 3) == nil)
        // The generic path's conversions: an exact real as an integer, an integer as a real, numbers as text.
        #expect(try row.int64(at: 4) == 3)
        #expect(try row.double(at: 5) == 9)
        #expect(try row.optionalDouble(at: 5) == 9)
        #expect(try row.string(at: 5) == "9")
    }

    @Test func mismatchesAndBadIndexesThrowAsGenericReadsDo() throws {
        let row = try row("SELECT 'text', NULL, 2.5")
        #expect(throws: SQLiteError.self) { try row.int64(at: 0) }
        #expect(throws: SQLiteError.self) { try row.double(at: 0) }
        #expect(throws: SQLiteError.self) { try row.int64(at: 1) }
        #expect(throws: SQLiteError.self) { try row.string(at: 1) }
        #expect(throws: SQLiteError.self) { try row.int64(at: 2) }
        #expect(throws: SQLiteError.self) { try row.optionalInt64(at: 0) }
        for index: Int32 in [-1, 3] {
            #expect(throws: SQLiteError.self) { try row.int64(at: index) }
            #expect(throws: SQLiteError.self) { try row.optionalInt64(at: index) }
            #expect(throws: SQLiteError.self) { try row.optionalDouble(at: index) }
            #expect(throws: SQLiteError.self) { try row.optionalString(at: index) }
        }
    }

    @Test func textKeepsItsBytes() throws {
        let statement = try database.prepare("SELECT ?")
        try statement.bind("ünïcødé, \u{0}inside", at: 1)
        #expect(try statement.step())
        #expect(try statement.string(at: 0) == "ünïcødé, \u{0}inside")
    }
}
