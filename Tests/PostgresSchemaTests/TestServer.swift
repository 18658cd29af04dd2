import Foundation
import Glibc
import PostgreSQL
import Synchronization
import Testing

/// The server the tests use: `TRACKER_TEST_POSTGRES_URL`, as in PostgreSQLTests.
///
/// Unset on a developer's machine, the server tests are skipped (and say so).
/// Under CI (`CI` set) they run anyway, so an unset variable or a server that
/// cannot be reached fails the suite instead of skipping it silently.
enum TestServer {
    static let url = environment("TRACKER_TEST_POSTGRES_URL")
    static let isCI = environment("CI") != nil
    static let shouldRun = url != nil || isCI

    static let howToStart =
        "set TRACKER_TEST_POSTGRES_URL to a server (`source scripts/postgres-test-cluster.sh` starts a throwaway one and sets it)"

    struct Unavailable: Error, CustomStringConvertible {
        var description: String { "TRACKER_TEST_POSTGRES_URL is not set but CI is: \(TestServer.howToStart)" }
    }

    static func connect() throws -> PostgresConnection {
        guard let url else { throw Unavailable() }
        return try PostgresConnection(url: url)
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}

/// An empty schema of its own for one test, first on its connection's
/// search_path and dropped when the test ends, so that tests (and test
/// processes) share one database without meeting.
final class TestSchema {
    private static let schemasMade = Atomic<Int>(0)

    let name: String
    let connection: PostgresConnection

    init() throws {
        let number = Self.schemasMade.add(1, ordering: .relaxed).newValue
        connection = try TestServer.connect()
        let clock = try #require(try connection.scalar("SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint", as: Int64.self))
        name = "schema_test_\(getpid())_\(number)_\(clock)"
        // Identifiers cannot be bound; this one is made above of digits and letters.
        try connection.execute("CREATE SCHEMA \(name); SET search_path TO \(name)")
    }

    /// Another connection to the same schema, e.g. for another thread.
    static func connection(toSchema name: String) throws -> PostgresConnection {
        let connection = try TestServer.connect()
        try connection.execute("SET search_path TO \(name)")
        return connection
    }

    deinit {
        try? connection.execute("DROP SCHEMA \(name) CASCADE")
    }
}

/// Files of this repository, found from this source file's location so that
/// tests work from any working directory.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // PostgresSchemaTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    /// The numbered SQL files of a migrations folder, in order.
    static func migrationFiles(in folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: url(folder), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

/// A value that several threads of a test read and write.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        mutex = Mutex(value)
    }

    func update(_ change: (inout Value) -> Void) {
        mutex.withLock { change(&$0) }
    }

    var value: Value { mutex.withLock { $0 } }
}
