import Foundation
import PostgresTestSupport
import Testing

/// The stores the CLI's many-process tests run against: an SQLite file
/// always; a PostgreSQL schema of its own when `TRACKER_TEST_POSTGRES_URL`
/// names a server, and under CI (`CI` set) even without one, so that a
/// missing server fails the test instead of skipping it (as the store's
/// `TestBackend` does).
enum SharedStoreBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgresql

    static let all: [SharedStoreBackend] = TestServer.shouldRun ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// A new store's `--db`: a file in `directory`, or a URL whose search_path
    /// is a new schema (one naming scheme for every CLI test: `CLITestServer`).
    func location(in directory: TemporaryDirectory) throws -> String {
        switch self {
        case .sqlite: directory.path("shared.db")
        case .postgresql: try CLITestServer.freshSchema().url
        }
    }

    /// Drops the schema a PostgreSQL location made (nothing for a file: its directory goes).
    func remove(_ location: String) {
        guard self == .postgresql, let schema = location.components(separatedBy: "search_path%3D").last else { return }
        TestServer.dropSchema(schema)
    }
}
