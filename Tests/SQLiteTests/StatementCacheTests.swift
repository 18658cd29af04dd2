import Testing
@testable import SQLite

@Suite("Statement cache")
struct StatementCacheTests {
    @Test func returnsTheSameStatementResetWithBindingsCleared() throws {
        let database = try Database.inMemory()
        let first = try database.cachedStatement("SELECT ?")
        try first.bind(5, at: 1)
        #expect(try first.step())
        let second = try database.cachedStatement("SELECT ?")
        #expect(first === second)
        // Reset and cleared: the parameter reads NULL until bound again.
        #expect(try second.firstRow { try $0.column(0, as: Int?.self) } == .some(nil))
    }

    @Test func evictsTheLeastRecentlyUsedWhenFull() throws {
        let database = try Database.inMemory()
        var statements: [Statement] = []
        for index in 0..<64 {
            statements.append(try database.cachedStatement("SELECT \(index)"))
        }
        // Touch the first so that "SELECT 1" is now the least recently used.
        #expect(try database.cachedStatement("SELECT 0") === statements[0])
        _ = try database.cachedStatement("SELECT 64")
        #expect(try database.cachedStatement("SELECT 0") === statements[0])
        #expect(try database.cachedStatement("SELECT 2") === statements[2])
        #expect(try database.cachedStatement("SELECT 1") !== statements[1])
    }

    @Test func cacheNeverHoldsMoreThanItsCapacity() throws {
        var cache = StatementCache(capacity: 3)
        let database = try Database.inMemory()
        for index in 0..<10 {
            cache["SELECT \(index)"] = try database.prepare("SELECT \(index)")
        }
        #expect(cache.count == 3)
        #expect(cache["SELECT 9"] != nil)
        #expect(cache["SELECT 0"] == nil)
    }
}
