import Glibc
import PostgreSQL
import Synchronization

/// The PostgreSQL server every test target uses: `TRACKER_TEST_POSTGRES_URL`
/// (and `TRACKER_TEST_POSTGRES_SOCKET_URL`), which `.ci/run` sets after
/// starting a throwaway cluster (`source scripts/postgres-test-cluster.sh`).
///
/// Unset on a developer's machine, the server tests are skipped (and say so).
/// Under CI (`CI` set) they run anyway, so an unset variable or a server that
/// cannot be reached fails the suite instead of skipping it silently.
public enum TestServer {
    public static let url = environment("TRACKER_TEST_POSTGRES_URL")
    public static let socketURL = environment("TRACKER_TEST_POSTGRES_SOCKET_URL")
    public static let isCI = environment("CI") != nil
    /// Whether the server tests run: with a server, and always under CI.
    public static let shouldRun = url != nil || isCI

    public static let howToStart =
        "set TRACKER_TEST_POSTGRES_URL to a server (`source scripts/postgres-test-cluster.sh` starts a throwaway one and sets it)"

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "TRACKER_TEST_POSTGRES_URL is not set but CI is: \(TestServer.howToStart)" }
    }

    public static func requireURL() throws -> String {
        guard let url else { throw Unavailable() }
        return url
    }

    public static func connect() throws -> PostgresConnection {
        try PostgresConnection(url: try requireURL())
    }

    private static let schemasMade = Atomic<Int>(0)
    private static let cleanedPrefixes = Mutex<Set<String>>([])

    /// A new, empty schema `PREFIX_PID_N`, so that tests and test processes
    /// share one database without meeting. The first call for a prefix drops
    /// that prefix's schemas whose test process is gone (a crashed or killed run).
    public static func makeSchema(prefix: String) throws -> String {
        let connection = try connect()
        defer { connection.close() }
        try dropLeftovers(prefix: prefix, on: connection)
        let name = "\(prefix)_\(getpid())_\(schemasMade.add(1, ordering: .relaxed).newValue)"
        // An identifier cannot be bound; this one is made of the caller's prefix, digits and underscores.
        try connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE; CREATE SCHEMA \(name)")
        return name
    }

    /// Drops a schema `makeSchema` made, once its test is done with it.
    public static func dropSchema(_ name: String) {
        guard let connection = try? connect() else { return }
        defer { connection.close() }
        try? connection.execute("DROP SCHEMA IF EXISTS \(name) CASCADE")
    }

    /// `url` with `schema` first on its search_path: the store a
    /// `postgresql://` location names (libpq's `options` parameter).
    public static func location(_ url: String, schema: String) -> String {
        url + (url.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
    }

    private static func dropLeftovers(prefix: String, on connection: PostgresConnection) throws {
        guard cleanedPrefixes.withLock({ $0.insert(prefix).inserted }) else { return }
        let schemas = try connection.rows(
            "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)", prefix + "_") { try $0.column(0, as: String.self) }
        for schema in schemas {
            let pid = schema.dropFirst(prefix.count + 1).split(separator: "_").first.flatMap { Int32($0) } ?? 0
            guard pid != getpid(), kill(pid, 0) != 0 else { continue }
            try connection.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        }
    }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }
}

/// A schema of its own for one test, first on its connection's search_path
/// and dropped when the test ends.
public final class TestSchema {
    public let name: String
    public let connection: PostgresConnection

    public init(prefix: String = "test") throws {
        name = try TestServer.makeSchema(prefix: prefix)
        connection = try TestServer.connect()
        try connection.execute("SET search_path TO \(name)")
    }

    /// Another connection to the same schema, e.g. for a second thread.
    public static func connection(toSchema name: String) throws -> PostgresConnection {
        let connection = try TestServer.connect()
        try connection.execute("SET search_path TO \(name)")
        return connection
    }

    deinit {
        try? connection.execute("DROP SCHEMA \(name) CASCADE")
    }
}

/// A value that several threads of a test read and write.
public final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) {
        mutex = Mutex(value)
    }

    public func update(_ change: (inout Value) -> Void) {
        mutex.withLock { change(&$0) }
    }

    public var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }
}
