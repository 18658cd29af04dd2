import Foundation
import TrackerStore

/// A temporary directory with a tracker database of a few runs, written
/// through the store as training would; removed when the fixture goes.
final class DashboardFixture: Sendable {
    let directory: URL
    var path: String { directory.appendingPathComponent("tracker.db").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    func openStore() throws -> Store {
        var options = Store.Options()
        options.nameSeed = 1
        return try Store(path: path, options: options)
    }

    /// `count` finished runs per weight decay, seeds 1...count, `epochs` epochs
    /// each of falling train/val loss (seeded noise), grouped "grid".
    @discardableResult
    func seedRuns(weightDecays: [Double] = [0, 1e-3], seeds: Int = 3, epochs: Int = 30) throws -> [Run] {
        let store = try openStore()
        defer { store.close() }
        var runs: [Run] = []
        var random = SplitMix64(state: 11)
        for wd in weightDecays {
            for seed in 1...seeds {
                let run = try store.createRun(RunSpec(name: "wd\(wd)-s\(seed)", group: "grid", seed: Int64(seed)))
                try store.setParams(["wd": .real(wd), "seed": .integer(Int64(seed)), "epochs": .integer(Int64(epochs))], for: run.id)
                for step in 1...epochs {
                    let base = 2 * exp(-Double(step) / 8)
                    try store.logMetrics(run.id, step: step, [
                        "train_loss": base + Double.random(in: 0...0.05, using: &random),
                        "val_loss": base + 0.1 + wd * 10 + Double.random(in: 0...0.05, using: &random),
                    ])
                }
                try store.finishRun(run.id, status: .finished)
                runs.append(try store.run(id: run.id))
            }
        }
        return runs
    }
}

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
