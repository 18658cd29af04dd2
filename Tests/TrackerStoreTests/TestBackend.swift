import Foundation
import PostgresTestSupport
import Testing
@testable import TrackerStore

/// The backends the store's tests run on: one suite, two stores.
///
/// SQLite always. PostgreSQL when `TRACKER_TEST_POSTGRES_URL` names a server
/// (`.ci/run` starts a throwaway one and sets it); under CI (`CI` set) it is
/// in the list even without one, so that its tests fail rather than vanish.
enum TestBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgresql

    static let all: [TestBackend] = TestServer.shouldRun ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// A new, empty store with seeded run names: in memory, or in a schema of
    /// its own on the server.
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
        TestServer.location(try TestServer.requireURL(), schema: try TestServer.makeSchema(prefix: "store_test"))
    }
}
