import Testing
@testable import SQLite

struct SampleFailure: Error {}

@Suite("Transactions and savepoints")
struct TransactionTests {
    let database: Database

    init() throws {
        database = try Database.inMemory()
        try database.execute("CREATE TABLE t (v INTEGER) STRICT")
    }

    func count() throws -> Int {
        try database.scalar("SELECT count(*) FROM t") ?? -1
    }

    @Test(arguments: [Database.TransactionKind.deferred, .immediate, .exclusive])
    func commitsOnReturn(kind: Database.TransactionKind) throws {
        let result = try database.transaction(kind) {
            try database.execute("INSERT INTO t VALUES (1)")
            #expect(database.isInTransaction)
            return "done"
        }
        #expect(result == "done")
        #expect(!database.isInTransaction)
        #expect(try count() == 1)
    }

    @Test func rollsBackOnThrowAndRethrowsTheSameError() throws {
        #expect(throws: SampleFailure.self) {
            try database.transaction {
                try database.execute("INSERT INTO t VALUES (1)")
                throw SampleFailure()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try count() == 0)
    }

    @Test func sqlErrorInsideRollsBackEverything() throws {
        #expect(throws: SQLiteError.self) {
            try database.transaction {
                try database.execute("INSERT INTO t VALUES (1)")
                try database.execute("INSERT INTO t VALUES ('text in an integer column')")
            }
        }
        #expect(try count() == 0)
    }

    @Test func nestedTransactionIsRefusedWithAHint() throws {
        try database.transaction {
            let error = #expect(throws: SQLiteError.self) { try database.transaction {} }
            #expect(error?.message.contains("savepoint") == true)
        }
    }

    @Test func nestedSavepointsRollBackOnlyTheirOwnWork() throws {
        try database.transaction {
            try database.execute("INSERT INTO t VALUES (1)")
            try database.savepoint {
                try database.execute("INSERT INTO t VALUES (2)")
                #expect(throws: SampleFailure.self) {
                    try database.savepoint {
                        try database.execute("INSERT INTO t VALUES (3)")
                        try database.savepoint {
                            try database.execute("INSERT INTO t VALUES (4)")
                        }
                        throw SampleFailure()
                    }
                }
                #expect(try database.rows("SELECT v FROM t ORDER BY v") { try $0.column(0, as: Int.self) } == [1, 2])
            }
        }
        #expect(try database.rows("SELECT v FROM t ORDER BY v") { try $0.column(0, as: Int.self) } == [1, 2])
    }

    @Test func savepointOutsideATransactionActsAsOne() throws {
        #expect(throws: SampleFailure.self) {
            try database.savepoint {
                try database.execute("INSERT INTO t VALUES (1)")
                throw SampleFailure()
            }
        }
        #expect(!database.isInTransaction)
        #expect(try count() == 0)
        try database.savepoint { try database.execute("INSERT INTO t VALUES (1)") }
        #expect(!database.isInTransaction)
        #expect(try count() == 1)
    }

    @Test func changesAndLastInsertRowID() throws {
        try database.execute("INSERT INTO t VALUES (10), (20), (30)")
        #expect(database.changes == 3)
        #expect(database.lastInsertRowID == 3)
        try database.execute("UPDATE t SET v = v + 1 WHERE v > ?", 15)
        #expect(database.changes == 2)
        #expect(database.totalChanges == 5)
    }
}
