import Foundation
import Glibc
import PostgreSQL
import Synchronization
import Testing

/// The stores the CLI's many-process tests run against: an SQLite file
/// always; a PostgreSQL schema of its own when `TRACKER_TEST_POSTGRES_URL`
/// names a server, and under CI (`CI` set) even without one, so that a
/// missing server fails the test instead of skipping it (as the store's
/// `TestBackend` does).
enum SharedStoreBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgresql

    static let serverURL = environment("TRACKER_TEST_POSTGRES_URL")
    static let all: [SharedStoreBackend] = serverURL != nil || environment("CI") != nil ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    struct ServerMissing: Error, CustomStringConvertible {
        var description: String {
            "TRACKER_TEST_POSTGRES_URL is not set but CI is: `source scripts/postgres-test-cluster.sh` starts a server and sets it"
        }
    }

    /// A new store's `--db`: a file in `directory`, or a URL whose search_path is a new schema.
    func location(in directory: TemporaryDirectory) throws -> String {
        switch self {
        case .sqlite: return directory.path("shared.db")
        case .postgresql:
            guard let url = Self.serverURL else { throw ServerMissing() }
            let schema = try Self.createSchema(on: url)
            return url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        }
    }

    /// Drops the schema a PostgreSQL location made (nothing for a file: its directory goes).
    func remove(_ location: String) {
        guard self == .postgresql, let url = Self.serverURL,
              let schema = location.components(separatedBy: "search_path%3D").last,
              let connection = try? PostgresConnection(url: url) else { return }
        defer { connection.close() }
        // An identifier cannot be bound; this one is made of digits and letters by createSchema.
        try? connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    private static let made = Atomic<Int>(0)

    private static func createSchema(on url: String) throws -> String {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        let name = "cli_test_\(getpid())_\(made.add(1, ordering: .relaxed).newValue)"
        try connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE; CREATE SCHEMA \(name)")
        return name
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}
