import Foundation
import SQLite
@testable import TrackerStore

/// A directory for one test's database files, removed when released.
final class ScratchDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("store-tests-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

extension Store {
    /// A private in-memory store with seeded run names.
    static func forTesting(seed: UInt64 = 1) throws -> Store {
        var options = Options()
        options.nameSeed = seed
        return try Store.inMemory(options: options)
    }

    func count(_ table: String) throws -> Int {
        // Table names come from the tests themselves, never from data.
        try database.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }
}

/// The built store-writer helper, next to the test bundle.
enum StoreWriterBinary {
    static var url: URL {
        let directory = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent()
            : Bundle.main.bundleURL
        return directory.appendingPathComponent("store-writer")
    }
}
