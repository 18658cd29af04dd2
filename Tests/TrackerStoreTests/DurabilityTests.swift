import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// Real separate processes (the store-writer helper) against one file.
@Suite("Durability and concurrency with separate processes", .serialized)
struct DurabilityTests {
    /// Starts store-writer; its stdout lines arrive through `lines`.
    final class Writer: @unchecked Sendable {
        let process = Process()
        private let output = Pipe()
        private var buffer = Data()

        init(database: String, epochs: Int, metrics: Int, name: String) throws {
            process.executableURL = StoreWriterBinary.url
            process.arguments = [database, String(epochs), String(metrics), name]
            process.standardOutput = output
            try process.run()
        }

        /// Reads until a line satisfies `stop` or the output ends; returns every line read.
        func read(until stop: (String) -> Bool) -> [String] {
            var lines: [String] = []
            while true {
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer = Data(buffer[buffer.index(after: newline)...])
                    lines.append(line)
                    if stop(line) { return lines }
                }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return lines }
                buffer.append(chunk)
            }
        }
    }

    func integrityCheck(_ path: String) throws -> String? {
        try Database(path: path).scalar("PRAGMA integrity_check", as: String.self)
    }

    @Test func killNineLosesAtMostTheEpochInFlight() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("killed.db")
        _ = try Store(path: path)  // create and migrate first
        let writer = try Writer(database: path, epochs: 1_000_000, metrics: 6, name: "doomed-run-1")
        let lines = writer.read { $0 == "committed 300" }
        #expect(lines.last == "committed 300", "writer output: \(lines.suffix(3))")
        kill(writer.process.processIdentifier, SIGKILL)
        writer.process.waitUntilExit()
        // Whatever the writer printed after 300 before the kill was also committed.
        let lastReported = (lines + writer.read { _ in false }).compactMap { line -> Int? in
            line.hasPrefix("committed ") ? Int(line.dropFirst("committed ".count)) : nil
        }.max() ?? 0
        #expect(lastReported >= 300)

        #expect(try integrityCheck(path) == "ok")
        let store = try Store(path: path)
        let run = try store.run(named: "doomed-run-1")
        #expect(run.status == .crashed, "its process is gone")
        let steps = try store.history(of: run.id, metric: "m0").map(\.step)
        // Every reported epoch is there; at most the one in flight is missing,
        // and epochs are whole: the same steps for every metric.
        #expect(steps.count >= lastReported && steps.count <= lastReported + 1)
        #expect(steps == Array(1...steps.count))
        for metric in 1..<6 {
            #expect(try store.history(of: run.id, metric: "m\(metric)").map(\.step) == steps)
        }
        let summary = try #require(try store.summaries(of: run.id)["m5"])
        #expect(summary.count == steps.count && summary.lastStep == steps.count)
        #expect(summary.lastValue == Double(steps.count) + 0.05)
    }

    @Test func severalProcessesWriteDifferentRunsAndNoRowIsLost() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("shared.db")
        let writers = 4, epochs = 250, metrics = 6
        let processes = try (0..<writers).map {
            try Writer(database: path, epochs: epochs, metrics: metrics, name: "writer-\($0)")
        }
        // Meanwhile a reader keeps reading and never blocks them.
        let reader = try Database(path: path)
        var reads = 0
        while processes.contains(where: { $0.process.isRunning }) {
            let count = try reader.scalar("SELECT count(*) FROM sqlite_schema", as: Int.self) ?? 0
            if count > 0 { _ = try reader.scalar("SELECT count(*) FROM metrics", as: Int.self) }
            reads += 1
            usleep(2_000)
        }
        for writer in processes {
            let lines = writer.read { _ in false }
            writer.process.waitUntilExit()
            #expect(writer.process.terminationStatus == 0)
            #expect(lines.last == "done")
        }
        #expect(reads > 0)
        let store = try Store(path: path)
        #expect(try store.count("metrics") == writers * epochs * metrics)
        #expect(try store.runs(RunFilter(statuses: [.finished])).count == writers)
        for index in 0..<writers {
            let run = try store.run(named: "writer-\(index)")
            let summaries = try store.summaries(of: run.id)
            #expect(summaries.count == metrics)
            #expect(summaries.values.allSatisfy { $0.count == epochs && $0.lastStep == epochs })
            // Each writer's summaries stayed its own while the others committed
            // in between (each store re-reads its cache after their commits).
            #expect(summaries["m2"] == MetricSummary(
                count: epochs, lastStep: epochs, lastValue: Double(epochs) + 0.02,
                minStep: 1, minValue: 1.02, maxStep: epochs, maxValue: Double(epochs) + 0.02))
        }
        #expect(try integrityCheck(path) == "ok")
    }
}
