import Dispatch
import Glibc
import PostgresTestSupport
import Testing
@testable import PostgreSQL

@Suite("Advisory locks", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct AdvisoryLockTests {
    let schema: TestSchema

    init() throws {
        schema = try TestSchema()
        try schema.connection.execute("CREATE TABLE log (id bigserial PRIMARY KEY, holder text NOT NULL)")
    }

    /// Two connections on two threads ask for the same lock. The second is
    /// seen waiting on the server while the first holds it, and once it gets
    /// the lock it sees everything the first committed.
    @Test func lockSerializesTwoConnections() throws {
        let key = Int64(getpid()) << 16 | 0x7AC4  // apart from other test processes
        let schemaName = schema.name
        let secondPID = Shared<Int32?>(nil)
        let secondOutcome = Shared<String?>(nil)
        let done = DispatchGroup()

        try schema.connection.withAdvisoryLock(key: key) {
            try schema.connection.execute("INSERT INTO log (holder) VALUES ($1)", "first")
            done.enter()
            DispatchQueue.global().async {
                defer { done.leave() }
                do {
                    let second = try TestSchema.connection(toSchema: schemaName)
                    secondPID.value = try second.scalar("SELECT pg_backend_pid()", as: Int32.self)
                    let seen = try second.withAdvisoryLock(key: key) {
                        try second.execute("INSERT INTO log (holder) VALUES ($1)", "second")
                        return try second.rows("SELECT holder FROM log ORDER BY id") { try $0.column(0, as: String.self) }
                    }
                    secondOutcome.value = seen.joined(separator: ",")
                } catch {
                    secondOutcome.value = "error: \(error)"
                }
            }
            // Wait until the server shows the second session blocked on our lock.
            var polls = 0
            while true {
                if let pid = secondPID.value,
                   try schema.connection.scalar(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = $1", pid, as: Int64.self) == 1 {
                    break
                }
                polls += 1
                try #require(polls < 30_000, "the second connection never waited for the lock")
                usleep(1_000)
            }
            #expect(secondOutcome.value == nil)
        }
        done.wait()
        #expect(secondOutcome.value == "first,second")
    }

    @Test func lockInsideATransactionLastsUntilItEnds() throws {
        let connection = schema.connection
        let key = Int64(getpid()) << 16 | 0x7AC5
        try connection.transaction {
            try connection.withAdvisoryLock(key: key) {}
            // Still held: the lock belongs to the transaction, not to the closure.
            #expect(try connection.scalar(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()", as: Int64.self) == 1)
        }
        #expect(try connection.scalar(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", as: Int64.self) == 0)
    }
}
