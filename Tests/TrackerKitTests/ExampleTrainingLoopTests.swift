import Foundation
import Testing
import TrackerKit

/// The README's example, built as `example-training-loop` (this target
/// depends on it, so `swift test` builds it first), run as a user would run
/// it, and its run read back from the database it wrote.
@Suite("The hand-written training loop example logs a complete run")
struct ExampleTrainingLoopTests {
    @Test func theExampleRunIsFinishedWithItsMetricsParamsAndKeptStep() throws {
        let directory = try ScratchDirectory()
        let path = directory.path("example.db")
        let output = try runExample(environment: ["TRACKER_DB": path])
        #expect(output.status == 0, "stderr: \(output.stderr)")

        let store = try reader(path)
        let runs = try store.runs()
        try #require(runs.count == 1)
        let run = runs[0]
        #expect(output.stdout == "run \(run.name) finished\n")
        #expect(run.status == .finished)
        #expect(run.stopReason == .completed)
        #expect(run.group == "examples")
        #expect(run.seed == 7)
        #expect(try store.tags(of: run.id) == ["hand-written"])
        #expect(try store.params(of: run.id) == ["lr": .real(0.1), "epochs": .integer(30), "model": .text("logistic")])
        #expect(try store.latestDataset(named: "two-blobs")?.rows == 300)

        let trainLoss = try store.history(of: run.id, metric: MetricKey.trainLoss)
        #expect(trainLoss.map(\.step) == Array(1...30))
        #expect(trainLoss.last!.value < trainLoss.first!.value, "gradient descent lowers the training loss")
        let valLoss = try store.history(of: run.id, metric: MetricKey.valLoss)
        let bestEpoch = valLoss.min { $0.value < $1.value }!.step
        #expect(run.bestStep == bestEpoch, "the best step is the best validation epoch")
        #expect(run.keptStep == 30, "the loop keeps its last weights, and nobody said otherwise")
        #expect(try store.checkpoint(run.id, kind: .best)?.step == bestEpoch)
        #expect(try store.summaries(of: run.id)[MetricKey.valAcc]?.lastValue ?? 0 > 0.5, "better than chance on separable blobs")
    }

    @Test func theSameSeedLogsTheSameNumbers() throws {
        let directory = try ScratchDirectory()
        var histories: [[Double]] = []
        for name in ["a.db", "b.db"] {
            let path = directory.path(name)
            #expect(try runExample(environment: ["TRACKER_DB": path]).status == 0)
            let store = try reader(path)
            let run = try #require(try store.runs().first)
            histories.append(try store.history(of: run.id, metric: MetricKey.valLoss).map(\.value))
        }
        #expect(histories[0] == histories[1])
    }
}

private func exampleBinary() throws -> URL {
    let candidates = [
        Bundle.main.bundleURL,
        Bundle.main.executableURL?.deletingLastPathComponent(),
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    ].compactMap { $0 }
    for directory in candidates {
        for base in [directory, directory.deletingLastPathComponent()] {
            let url = base.appendingPathComponent("example-training-loop")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
    }
    throw ExampleNotBuilt(searched: candidates.map(\.path))
}

struct ExampleNotBuilt: Error, CustomStringConvertible {
    var searched: [String]
    var description: String { "no example-training-loop executable next to the tests (searched \(searched)); build it with 'swift build --product example-training-loop'" }
}

private func runExample(environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try exampleBinary()
    var processEnvironment = ProcessInfo.processInfo.environment
    processEnvironment.merge(environment) { $1 }
    process.environment = processEnvironment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

@Suite("README shows the example as it is built")
struct ReadmeExampleTests {
    @Test func theReadmeSwiftBlockIsTheExampleFile() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let example = try String(
            contentsOf: root.appendingPathComponent("examples/swift-training-loop/main.swift"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Log from your own Swift code"))
        let open = try #require(readme.range(of: "```swift\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "```\n", range: open.upperBound..<readme.endIndex))
        #expect(String(readme[open.upperBound..<close.lowerBound]) == example)
    }
}
