import PostgresTestSupport
import Testing
@testable import PostgreSQL

@Suite("Transactions", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct TransactionTests {
    struct Abort: Error {}

    let schema: TestSchema
    var connection: PostgresConnection { schema.connection }

    init() throws {
        schema = try TestSchema()
        try schema.connection.execute("CREATE TABLE t (i bigint PRIMARY KEY, v bigint NOT NULL DEFAULT 0)")
    }

    func count() throws -> Int64 {
        try #require(try connection.scalar("SELECT count(*) FROM t", as: Int64.self))
    }

    @Test func commitsWhenTheBodyReturns() throws {
        let value = try connection.transaction {
            try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
            #expect(connection.isInTransaction)
            return 42
        }
        #expect(value == 42)
        #expect(!connection.isInTransaction)
        #expect(try count() == 1)
    }

    @Test func rollsBackWhenTheBodyThrows() throws {
        #expect(throws: Abort.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
                throw Abort()
            }
        }
        #expect(!connection.isInTransaction)
        #expect(try count() == 0)
    }

    @Test func serverErrorRollsBackAndIsTheErrorThrown() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
            }
        }
        #expect(error.isUniqueViolation)
        #expect(try count() == 0)
    }

    @Test func caughtErrorInsideATransactionDoesNotCommitSilently() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
                _ = try? connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
            }
        }
        #expect(error.sqlState == "25P02")
        #expect(!connection.isInTransaction)
        #expect(try count() == 0)
    }

    @Test func readOnlyTransactionRefusesWrites() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.readOnlyTransaction {
                #expect(try connection.scalar("SELECT count(*) FROM t", as: Int64.self) == 0)
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
            }
        }
        #expect(error.sqlState == "25006")
        #expect(error.isReadOnlyViolation)
        #expect(!connection.isInTransaction)
        #expect(try count() == 0)
    }

    @Test func nestedTransactionIsRefused() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.transaction { try connection.transaction {} }
        }
        #expect(error.message.contains("savepoint"))
    }

    @Test func savepointRollsBackOnlyItsOwnWork() throws {
        try connection.transaction {
            try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
            #expect(throws: PostgresError.self) {
                try connection.savepoint {
                    try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(2))
                    try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))  // duplicate: fails
                }
            }
            // The failed savepoint left the transaction usable.
            try connection.savepoint {
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(3))
            }
        }
        #expect(try connection.rows("SELECT i FROM t ORDER BY i") { try $0.column(0, as: Int64.self) } == [1, 3])
    }

    @Test func savepointOutsideATransactionIsOne() throws {
        #expect(throws: Abort.self) {
            try connection.savepoint {
                try connection.execute("INSERT INTO t (i) VALUES ($1)", Int64(1))
                throw Abort()
            }
        }
        #expect(try count() == 0)
    }

    @Test func retryRepeatsASerializationFailure() throws {
        try connection.execute("INSERT INTO t (i, v) VALUES (1, 0)")
        let other = try TestSchema.connection(toSchema: schema.name)
        var attempts = 0
        try connection.retryingTransaction(.serializable) {
            attempts += 1
            let value = try #require(try connection.scalar("SELECT v FROM t WHERE i = 1", as: Int64.self))
            if attempts == 1 {
                // Another session commits a change to the row after our snapshot.
                try other.execute("UPDATE t SET v = v + 10 WHERE i = 1")
            }
            try connection.execute("UPDATE t SET v = $1 WHERE i = 1", value + 1)
        }
        #expect(attempts == 2)
        #expect(try connection.scalar("SELECT v FROM t WHERE i = 1", as: Int64.self) == 11)
    }

    @Test func retryGivesUpAfterItsAttempts() throws {
        try connection.execute("INSERT INTO t (i, v) VALUES (1, 0)")
        let other = try TestSchema.connection(toSchema: schema.name)
        var attempts = 0
        let error = try #require(throws: PostgresError.self) {
            try connection.retryingTransaction(.repeatableRead, attempts: 3) {
                attempts += 1
                _ = try connection.scalar("SELECT v FROM t WHERE i = 1", as: Int64.self)
                try other.execute("UPDATE t SET v = v + 1 WHERE i = 1")
                try connection.execute("UPDATE t SET v = 0 WHERE i = 1")
            }
        }
        #expect(error.isSerializationFailure)
        #expect(attempts == 3)
    }
}
