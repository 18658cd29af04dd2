import Foundation
import PostgreSQL
import PostgresTestSupport
import Testing
@testable import TrackerStore

/// A PostgreSQL session can go away under a store (a server restart, a
/// dropped network, `pg_terminate_backend`). A transaction that finds it
/// gone before COMMIT, or a query outside any transaction, runs again on a
/// new session set up as the first: the server rolled the lost transaction
/// back, so nothing is doubled.
@Suite struct LostSessionTests {
    static let servers = TestBackend.all.filter { $0 == .postgresql }

    /// Ends the store's session from another connection, as a server restart would.
    func terminateSession(of store: Store) throws {
        let pid = Int32(try #require(try store.database.scalar("SELECT pg_backend_pid()", as: Int64.self)))
        let admin = try PostgresConnection(url: try TestServer.requireURL())
        defer { admin.close() }
        #expect(try admin.scalar("SELECT pg_terminate_backend($1)", pid, as: Bool.self) == true)
        // pg_terminate_backend only signals: wait until the session is gone.
        for _ in 0..<200 where try admin.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid, as: Int.self) != 0 {
            usleep(10_000)
        }
    }

    @Test(arguments: servers) func aWriteAfterTheSessionWasEndedGoesThroughOnANewOne(backend: TestBackend) throws {
        var options = Store.Options()
        options.busyTimeoutMilliseconds = 4321
        let store = try backend.store(options: options)
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 1, ["val_loss": 0.5])
        let before = try #require(try store.database.scalar("SELECT pg_backend_pid()", as: Int64.self))

        try terminateSession(of: store)
        try store.logMetrics(run.id, step: 2, ["val_loss": 0.4])

        #expect(try store.database.scalar("SELECT pg_backend_pid()", as: Int64.self) != before)
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.step) == [1, 2])
        #expect(try store.summaries(of: run.id)["val_loss"]?.count == 2)
        // The new session is set up as the first was.
        #expect(try store.database.scalar("SHOW lock_timeout", as: String.self) == "4321ms")
    }

    /// A query outside any transaction (most of the store's reads) is asked again on a new session.
    @Test(arguments: servers) func aSingleQueryAfterTheSessionWasEndedIsAskedAgain(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun(RunSpec(name: "asked"))
        try terminateSession(of: store)
        #expect(try store.run(id: run.id).name == "asked")
        try terminateSession(of: store)
        #expect(try store.comparison().rows.map(\.name) == ["asked"])
    }

    @Test(arguments: servers) func aReadOnlyStoreReadsOnANewSessionThatStillRefusesWrites(backend: TestBackend) throws {
        let location = try backend.location(in: ScratchDirectory())
        let writer = try Store(path: location)
        let run = try writer.createRun(RunSpec(name: "kept"))
        var options = Store.Options()
        options.readOnly = true
        let reader = try Store(path: location, options: options)

        try terminateSession(of: reader)
        #expect(try reader.read { try reader.run(id: run.id).name } == "kept")
        #expect(throws: PostgresError.self) { try reader.setNotes(run.id, "a reader must not write") }
        #expect(try writer.run(id: run.id).notes == nil)
    }
}
