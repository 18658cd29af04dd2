import Foundation
import PostgreSQL
import Testing
@testable import TrackerStore

/// `Store.Options.createsStore` on PostgreSQL: what a command on existing
/// runs does with an empty schema, and with a URL whose schema is missing.
@Suite(.enabled(if: TestBackend.all.contains(.postgresql), "no PostgreSQL test server: set TRACKER_TEST_POSTGRES_URL"))
struct ServerStoreCreationTests {
    static func tableCount(_ url: String) throws -> Int {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        return try connection.scalar("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()", as: Int.self) ?? -1
    }

    @Test func aStoreThatMustExistRefusesAnEmptySchemaAndLeavesItEmpty() throws {
        let url = try TestBackend.postgresql.location(in: ScratchDirectory())
        let schema = try #require(url.firstMatch(of: /csearch_path%3D(\w+)/)?.1)
        for readOnly in [false, true] {
            var options = Store.Options()
            options.createsStore = false
            options.readOnly = readOnly
            #expect(throws: StoreError.noStore(database: ConnectionURL.redacted(url), schema: String(schema))) {
                try Store(path: url, options: options)
            }
        }
        #expect(throws: StoreError.noStore(database: ConnectionURL.redacted(url), schema: String(schema))) {
            try Store(path: url, options: .viewer)
        }
        #expect(try Self.tableCount(url) == 0)

        // Made by a command that creates, it is then opened by every kind.
        try Store(path: url).close()
        var existing = Store.Options()
        existing.createsStore = false
        try Store(path: url, options: existing).close()
        try Store(path: url, options: .viewer).close()
        #expect(try Self.tableCount(url) > 0)
    }

    @Test func aSearchPathNamingNoSchemaIsRefusedEvenWhenCreating() throws {
        let url = try TestBackend.postgresql.location(in: ScratchDirectory())
            .replacing(/csearch_path%3D\w+/, with: "csearch_path%3Dno_schema_has_this_name")
        #expect(throws: StoreError.noSchema(database: ConnectionURL.redacted(url))) {
            try Store(path: url)
        }
    }
}
