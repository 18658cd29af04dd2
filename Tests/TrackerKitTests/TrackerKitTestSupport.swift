import Foundation
import TrackerKit

/// A directory for one test's database files, removed when released.
final class ScratchDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("trackerkit-tests-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Opens a tracker on a fresh file with seeded run names; also returns the
/// path so a test can read back on a connection of its own.
func scratchTracker(_ directory: ScratchDirectory) throws -> (tracker: Tracker, path: String) {
    var options = Store.Options()
    options.nameSeed = 7
    let path = directory.path("tracker.db")
    return (try Tracker.open(path: path, environment: [:], options: options), path)
}

/// A reader on its own connection, as `tracker compare` or `sqlite3` would be.
func reader(_ path: String) throws -> Store {
    var options = Store.Options()
    options.detectCrashes = false
    return try Store(path: path, options: options)
}

struct TrainingLoopFailed: Error, CustomStringConvertible {
    var description: String { "the loss became NaN at step 3" }
}
