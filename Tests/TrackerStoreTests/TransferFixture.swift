import Foundation
@testable import TrackerStore

/// A source store for push tests: an SQLite file holding runs of every
/// kind `tracker push` must carry, made from a seed.
struct TransferFixture {
    let store: Store
    let path: String
    /// Runs that are final, so a push copies them.
    private(set) var finished: [Run] = []
    private(set) var live: Run?
    private(set) var parentSweep: Sweep?
    private(set) var childSweep: Sweep?
    private(set) var digits: Dataset?

    static let tables = [
        "runs", "run_tags", "params", "metric_keys", "metrics", "run_summary", "blobs", "checkpoints",
        "sweeps", "datasets", "run_sources",
    ]

    init(in directory: ScratchDirectory, seed: UInt64) throws {
        path = directory.path("source-\(seed).db")
        var options = Store.Options()
        options.nameSeed = seed
        store = try Store(path: path, options: options)
    }

    /// Four finished runs: two in a retune sweep on `digits`, one failed in
    /// its parent sweep on `moons`, one imported from MLflow with a
    /// `run_sources` row; and one still running (this process is alive).
    mutating func populate(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let digits = try store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: Self.fingerprint("digits-content"), rows: 1797, features: 64,
            task: .classification, classes: 10, source: "builtin:digits")).dataset
        let moons = try store.registerDataset(DatasetSpec(
            name: "moons", fingerprint: Self.fingerprint("moons-content"), rows: 500, features: 2,
            task: .classification, classes: 2, target: "label", source: "/data/moons.csv")).dataset
        let parent = try store.createSweep(SweepSpec(
            name: "tune", space: #"{"wd": [0, 0.001]}"#, datasetID: moons.id))
        try store.setSweepStatus(parent.id, .finished)
        var childSpec = SweepSpec(name: "retune", method: .random, space: #"{"dropout": [0.1, 0.5]}"#, config: #"{"trials": 2}"#,
                                  objective: MetricKey.valAcc, direction: .max, datasetID: digits.id, parentSweepID: parent.id)
        childSpec.command = "tracker retune --sweep tune"
        let child = try store.createSweep(childSpec)
        let weights = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }

        for trial in 0..<2 {
            let run = try store.createRun(RunSpec(
                name: "trial-\(trial)", group: "g", tags: ["baseline", "t\(trial)"], notes: "trial \(trial)\nsecond line",
                seed: Int64(trial), datasetID: digits.id, sweepID: child.id, trial: trial, fold: 0,
                command: "tracker train --dropout 0.\(trial + 1)",
                params: ["lr": .real(1e-3), "epochs": .integer(120), "optimizer": .text("adamw"), "early_stop": .bool(true)]))
            try log(run.id, epochs: 120, using: &generator)
            // The same best weights twice: one blob.
            try store.saveCheckpoint(run.id, kind: .best, step: 40, bytes: weights)
            try store.saveCheckpoint(run.id, kind: .last, step: 119, bytes: weights + [UInt8(trial)])
            try store.setKeptStep(run.id, step: 40)
            try store.finishRun(run.id, status: .finished, stopReason: .earlyStopping, bestStep: 40)
            finished.append(try store.run(id: run.id))
        }
        let failed = try store.createRun(RunSpec(name: "broken", datasetID: moons.id, sweepID: parent.id, trial: 0,
                                                 params: ["wd": .real(0.001)]))
        try log(failed.id, epochs: 3, using: &generator)
        try store.finishRun(failed.id, status: .failed, stopReason: .error, error: "loss exploded")
        finished.append(try store.run(id: failed.id))

        let imported = try store.createRun(RunSpec(name: "from-mlflow", params: ["note": .text("ünïcode \"quoted\"")]))
        try store.setOrigin(of: imported.id, source: .mlflow, externalID: "abc123")
        try store.saveSourceRecord(
            RunSourceRecord(gitCommit: "0123abcd", gitDirty: true, gitDiff: "+x", stdoutTail: "out", exitCode: 0, rejectedPoints: 2),
            for: imported.id)
        try log(imported.id, epochs: 10, using: &generator)
        try store.finishRun(imported.id)
        finished.append(try store.run(id: imported.id))

        live = try store.createRun(RunSpec(name: "still-going"))
        try log(live!.id, epochs: 2, using: &generator)
        parentSweep = try store.sweep(id: parent.id)
        childSweep = try store.sweep(id: child.id)
        self.digits = digits
    }

    /// Epochs of seeded metrics, in one bulk call (chunked inserts included).
    func log(_ run: RunID, epochs: Int, from first: Int = 0, using generator: inout SplitMix64) throws {
        var points: [MetricPoint] = []
        for step in first..<epochs {
            for key in [MetricKey.trainLoss, MetricKey.valLoss, MetricKey.valAcc] {
                points.append(MetricPoint(key: key, step: step, value: Double.random(in: 0..<1, using: &generator)))
            }
        }
        try store.logMetrics(run, points: points)
    }

    static func fingerprint(_ text: String) -> String { SHA256.hex(of: Array(text.utf8)) }
}

extension Store {
    /// Rows of every table push writes, to compare stores.
    func transferCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in TransferFixture.tables { counts[table] = try count(table) }
        return counts
    }

    func runCarrying(uuid: String) throws -> Run? {
        try runs().first { $0.uuid == uuid }
    }
}
