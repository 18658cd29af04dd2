import Foundation
import Testing
import Glibc
import PostgreSQL
import Synchronization
@testable import TrackerStore

/// The backends the store's tests run on: one suite, two stores.
///
/// SQLite always. PostgreSQL when `TRACKER_TEST_POSTGRES_URL` names a server
/// (`.ci/run` starts a throwaway one and sets it); under CI (`CI` set) it is
/// in the list even without one, so that its tests fail rather than vanish.
enum TestBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgresql

    static let serverURL = environment("TRACKER_TEST_POSTGRES_URL")
    static let all: [TestBackend] = serverURL != nil || environment("CI") != nil ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    struct ServerMissing: Error, CustomStringConvertible {
        var description: String {
            "TRACKER_TEST_POSTGRES_URL is not set but CI is: `source scripts/postgres-test-cluster.sh` starts a server and sets it"
        }
    }

    /// A new, empty store with seeded run names: in memory, or in a schema of
    /// its own on the server (see `TestSchemas`).
    func store(seed: UInt64 = 1, options: Store.Options = Store.Options()) throws -> Store {
        var options = options
        options.nameSeed = seed
        switch self {
        case .sqlite: return try Store.inMemory(options: options)
        case .postgresql: return try Store(path: try serverLocation(), options: options)
        }
    }

    /// Where a new empty store is, for tests that open it more than once:
    /// ":memory:" is private to one connection, so SQLite's is a file in `directory`.
    func location(in directory: ScratchDirectory) throws -> String {
        switch self {
        case .sqlite: directory.path("store-\(UUID().uuidString).db")
        case .postgresql: try serverLocation()
        }
    }

    private func serverLocation() throws -> String {
        guard let url = Self.serverURL else { throw ServerMissing() }
        return TestSchemas.url(url, schema: try TestSchemas.create(on: url))
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}

/// A schema per PostgreSQL store, so that tests (and test processes) share
/// one database without meeting. Each test process first drops the schemas
/// that dead test processes left; its own go with the throwaway cluster, or
/// with the next test run.
enum TestSchemas {
    private static let made = Atomic<Int>(0)
    private static let cleaned = Mutex(false)

    static func create(on url: String) throws -> String {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        try dropLeftovers(connection)
        let name = "store_test_\(getpid())_\(made.add(1, ordering: .relaxed).newValue)"
        // An identifier cannot be bound; this one is made of digits and letters above.
        try connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE; CREATE SCHEMA \(name)")
        return name
    }

    /// `url` with the schema first on its search_path (libpq's `options`).
    static func url(_ url: String, schema: String) -> String {
        url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
    }

    private static func dropLeftovers(_ connection: PostgresConnection) throws {
        try cleaned.withLock { done in
            guard !done else { return }
            done = true
            let schemas = try connection.rows(
                "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'store\\_test\\_%'") { try $0.column(0, as: String.self) }
            for schema in schemas {
                let pid = schema.split(separator: "_").dropFirst(2).first.flatMap { Int32($0) } ?? 0
                guard pid != getpid(), kill(pid, 0) != 0 else { continue }
                try connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            }
        }
    }
}
