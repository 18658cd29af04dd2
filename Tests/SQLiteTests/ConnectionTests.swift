import Dispatch
import Foundation
import Synchronization
import Testing
@testable import SQLite

@Suite("Connections, WAL and concurrency")
struct ConnectionTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    @Test func fileDatabaseOpensInWALWithForeignKeysAndNormalSync() throws {
        let database = try Database(path: directory.path("a.db"))
        #expect(database.isFileDatabase)
        #expect(try database.scalar("PRAGMA journal_mode", as: String.self) == "wal")
        #expect(try database.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
        #expect(try database.scalar("PRAGMA synchronous", as: Int.self) == 1)  // NORMAL
        #expect(try database.scalar("PRAGMA busy_timeout", as: Int.self) == Int(Database.defaultBusyTimeoutMilliseconds))
    }

    /// Switching a new file to WAL takes an exclusive lock, and SQLite answers
    /// busy at once rather than waiting; openers racing on a new file must
    /// still all get a WAL connection.
    @Test func manyConnectionsOpeningANewFileTogetherAllGetWAL() throws {
        let failures = Mutex<[String]>([])
        for round in 0..<20 {
            let path = directory.path("race-\(round).db")
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do {
                    let database = try Database(path: path)
                    let mode: String? = try database.scalar("PRAGMA journal_mode")
                    if mode != "wal" { failures.withLock { $0.append("round \(round): journal mode \(mode ?? "nil")") } }
                } catch {
                    failures.withLock { $0.append("round \(round): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
    }

    @Test func inMemoryDatabaseHasForeignKeysButNoFile() throws {
        let database = try Database.inMemory()
        #expect(!database.isFileDatabase)
        #expect(try database.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
    }

    @Test func openingAMissingFileWithoutCreateFailsNamingThePath() throws {
        let path = directory.path("missing.db")
        for mode in [Database.OpenMode.readOnly, .readWrite] {
            let error = #expect(throws: SQLiteError.self) { try Database(path: path, mode: mode) }
            #expect(error?.code == 14)  // SQLITE_CANTOPEN
            #expect(error?.message.contains(path) == true)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func readOnlyConnectionRefusesWrites() throws {
        let path = directory.path("ro.db")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t (v INTEGER) STRICT; INSERT INTO t VALUES (1)")
        let reader = try Database(path: path, mode: .readOnly)
        #expect(reader.isReadOnly)
        #expect(!writer.isReadOnly)
        #expect(try reader.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
        let error = #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (2)") }
        #expect(error?.isReadOnly == true)
        #expect(try writer.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
    }

    @Test func readerSeesLastCommitWhileWriterHoldsItsTransaction() throws {
        let path = directory.path("wal.db")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t (v INTEGER) STRICT; INSERT INTO t VALUES (1)")
        let reader = try Database(path: path, mode: .readOnly, busyTimeoutMilliseconds: 0)
        try writer.transaction(.immediate) {
            try writer.execute("INSERT INTO t VALUES (2)")
            // With busy timeout 0 a blocked read would fail at once: WAL lets it through.
            #expect(try reader.scalar("SELECT count(*) FROM t", as: Int.self) == 1)
        }
        #expect(try reader.scalar("SELECT count(*) FROM t", as: Int.self) == 2)
    }

    @Test func secondWriterWithoutTimeoutGetsADistinguishableBusyError() throws {
        let path = directory.path("busy.db")
        let first = try Database(path: path)
        try first.execute("CREATE TABLE t (v INTEGER) STRICT")
        let second = try Database(path: path, busyTimeoutMilliseconds: 0)
        try first.transaction(.immediate) {
            let error = #expect(throws: SQLiteError.self) {
                try second.transaction(.immediate) { try second.execute("INSERT INTO t VALUES (1)") }
            }
            #expect(error?.isBusy == true)
            #expect(error?.isConstraintViolation == false)
        }
        #expect(!second.isInTransaction)
    }

    @Test func twoWritersOnSeparateThreadsBothSucceedWithTheBusyTimeout() throws {
        let path = directory.path("writers.db")
        try Database(path: path).execute("CREATE TABLE t (writer INTEGER, n INTEGER) STRICT")
        let failures = Mutex<[String]>([])
        let transactions = 200
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            do {
                let database = try Database(path: path)
                let insert = try database.prepare("INSERT INTO t (writer, n) VALUES (?, ?)")
                for n in 0..<transactions {
                    try database.transaction(.immediate) {
                        for row in 0..<5 {
                            try insert.bind([writer, n * 5 + row])
                            try insert.execute()
                        }
                    }
                }
            } catch {
                failures.withLock { $0.append("writer \(writer): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let database = try Database(path: path)
        #expect(try database.scalar("SELECT count(*) FROM t", as: Int.self) == 2 * transactions * 5)
        #expect(try database.scalar("SELECT count(DISTINCT writer || '-' || n) FROM t", as: Int.self) == 2 * transactions * 5)
        #expect(try database.scalar("PRAGMA integrity_check", as: String.self) == "ok")
    }
}
