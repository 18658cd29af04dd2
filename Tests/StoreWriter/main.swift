import Foundation
import TrackerStore

// store-writer: a separate process that logs into a tracker database, for
// the kill -9 and multi-process tests of TrackerStoreTests.
//
//     store-writer DB EPOCHS METRICS [RUN-NAME]
//
// Creates a run, logs EPOCHS epochs of METRICS metrics each (one transaction
// per epoch, as training does), printing "committed STEP" after each commit,
// then finishes the run and prints "done". Values are a deterministic
// function of (step, metric), so a test can check every stored value.

/// Unbuffered, so the test sees each line the moment the epoch is committed.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let epochs = Int(arguments[2]), let metricCount = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: store-writer DB EPOCHS METRICS [RUN-NAME]\n".utf8))
    exit(64)
}
do {
    let store = try Store(path: arguments[1])
    let run = try store.createRun(RunSpec(name: arguments.count > 4 ? arguments[4] : nil, params: ["wd": .real(1e-3)]))
    say("run \(run.id)")
    let keys = (0..<metricCount).map { "m\($0)" }
    for step in 1...max(epochs, 1) where epochs > 0 {
        var values: [String: Double] = [:]
        for (index, key) in keys.enumerated() { values[key] = Double(step) + Double(index) / 100 }
        try store.logMetrics(run.id, step: step, values)
        say("committed \(step)")
    }
    try store.finishRun(run.id)
    say("done")
} catch {
    FileHandle.standardError.write(Data("store-writer: \(error)\n".utf8))
    exit(1)
}
