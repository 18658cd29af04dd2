import Foundation
import Testing
import TrackerStore

/// A sweep-like load: two writers logging epochs into one file while
/// several dashboard clients poll. The dashboard's short read transactions
/// must never make a writer fail or wait out its timeout, and must never
/// keep the WAL from being checkpointed.
@Suite(.serialized) struct LiveWriterTests {
    static let epochs = 800
    static let metrics = ["train_loss", "val_loss", "train_acc", "val_acc", "lr"]

    @Test func writersNeverSeeALockedDatabaseAndTheWALStaysBounded() throws {
        let fixture = try DashboardFixture()
        try fixture.seedRuns(weightDecays: [0], seeds: 1, epochs: 2)
        let walPath = fixture.path + "-wal"
        let startSize = try Self.size(fixture.path)
        let server = try UIServerProcess(database: fixture.path)
        defer { _ = server.stop() }

        // Each writer opens its own store, as sweep workers do.
        let runIDs = try (0..<2).map { index in
            let store = try fixture.openStore()
            defer { store.close() }
            return try store.createRun(RunSpec(name: "writer-\(index)")).id
        }
        let writerErrors = ConcurrentList<String>()
        let pollStatuses = ConcurrentList<Int>()
        let pollBodies = ConcurrentList<String>()
        let walSizes = ConcurrentList<Int>()
        let done = Atomic(false)
        let group = DispatchGroup()
        for (index, runID) in runIDs.enumerated() {
            DispatchQueue.global().async(group: group) {
                do {
                    let store = try fixture.openStore()
                    defer { store.close() }
                    var random = SplitMix64(state: UInt64(index + 1))
                    for step in 1...Self.epochs {
                        var values: [String: Double] = [:]
                        for metric in Self.metrics { values[metric] = Double.random(in: 0.1...2, using: &random) }
                        try store.logMetrics(runID, step: step, values)
                    }
                    try store.finishRun(runID, status: .finished)
                } catch {
                    writerErrors.append("\(error)")
                }
            }
        }
        let port = server.port
        for client in 0..<4 {
            DispatchQueue.global().async(group: group) {
                var after = -1
                while !done.value {
                    let target = client % 2 == 0
                        ? "/api/runs/writer-\(client / 2 % 2)/metrics?family=loss&smooth=0.6&after=\(after)" : "/"
                    do {
                        let answer = try HTTPExchange.get(target, port: port)
                        pollStatuses.append(answer.status)
                        if answer.status != 200 { pollBodies.append(answer.body) }
                        if client % 2 == 0, let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                           let last = object["last_step"] as? Int {
                            after = last
                        }
                    } catch {
                        pollBodies.append("\(error)")
                    }
                    if let size = try? Self.size(walPath) { walSizes.append(size) }
                }
            }
        }
        // The writers finish on their own; then the clients are told to stop.
        DispatchQueue.global().async {
            while writerErrors.values.isEmpty, try! Self.finishedWriters(fixture) < 2 { usleep(20_000) }
            done.value = true
        }
        #expect(group.wait(timeout: .now() + 240) == .success)
        done.value = true

        #expect(writerErrors.values.isEmpty, "writers failed: \(writerErrors.values.prefix(3))")
        #expect(!pollStatuses.values.isEmpty)
        #expect(pollStatuses.values.allSatisfy { $0 == 200 }, "polls failed: \(pollBodies.values.prefix(3))")
        #expect(!pollBodies.values.contains { $0.contains("locked") || $0.contains("busy") })
        // Pages reach the main file only by checkpointing: it grew, so checkpoints ran while clients read.
        #expect(try Self.size(fixture.path) > startSize)
        // SQLite checkpoints at 1000 pages (4 MB); a reader pinning a snapshot would let the WAL grow with every epoch.
        let largestWAL = walSizes.values.max() ?? 0
        #expect(largestWAL < 12 << 20, "the WAL reached \(largestWAL) bytes")
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    static func finishedWriters(_ fixture: DashboardFixture) throws -> Int {
        let store = try Store(path: fixture.path, options: .viewer)
        defer { store.close() }
        return try store.runs(RunFilter(statuses: [.finished])).filter { $0.name.hasPrefix("writer-") }.count
    }
}

/// A flag several threads read and one sets.
final class Atomic<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
