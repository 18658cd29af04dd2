import Foundation
import TrackerStore

/// Learning curves with a known shape, so that tests know by construction
/// which run overfits, underfits or fits well.
struct SyntheticCurves {
    var train: [Double]
    var val: [Double]
    var weightNorm: [Double]? = nil
    /// Whether `train` is also logged as `train_eval_loss`, as the engine
    /// logs it; off for a run from before it (or an external one).
    var logsTrainEval = true

    /// Both losses fall from 1 towards their floors at the same pace; after
    /// `riseAfter` epochs val_loss climbs by `rise` per epoch (overfitting).
    static func decaying(
        epochs: Int, trainFloor: Double, valFloor: Double, pace: Double = 6,
        riseAfter: Int? = nil, rise: Double = 0, jitter: Double = 0, seed: UInt64 = 1
    ) -> SyntheticCurves {
        var random = SeededRandom(seed: seed)
        var train: [Double] = [], val: [Double] = []
        for epoch in 1...epochs {
            let decay = exp(-Double(epoch) / pace)
            train.append(trainFloor + (1 - trainFloor) * decay)
            var v = valFloor + (1 - valFloor) * decay + jitter * random.symmetric()
            if let riseAfter, epoch > riseAfter { v += rise * Double(epoch - riseAfter) }
            val.append(v)
        }
        return SyntheticCurves(train: train, val: val)
    }

    var points: [MetricPoint] {
        var points: [MetricPoint] = []
        for (index, (t, v)) in zip(train, val).enumerated() {
            points.append(MetricPoint(key: MetricKey.trainLoss, step: index + 1, value: t))
            if logsTrainEval { points.append(MetricPoint(key: MetricKey.trainEvalLoss, step: index + 1, value: t)) }
            points.append(MetricPoint(key: MetricKey.valLoss, step: index + 1, value: v))
            if let weightNorm { points.append(MetricPoint(key: MetricKey.weightNorm, step: index + 1, value: weightNorm[index])) }
        }
        return points
    }
}

/// SplitMix64, for reproducible jitter.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    mutating func symmetric() -> Double { Double(next() >> 11) / Double(1 << 53) * 2 - 1 }
}

/// A tracker database file in a temporary directory, filled through the
/// store's API, for commands to read with `--db`.
final class FixtureDatabase {
    let directory: TemporaryDirectory
    let path: String
    let store: Store

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("fixture.db")
        var options = Store.Options()
        options.nameSeed = 7
        store = try Store(path: path, options: options)
    }

    deinit {
        store.close()
        directory.remove()
    }

    func registerDigits(rows: Int = 1797) throws -> Dataset {
        try store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: String(repeating: "ab", count: 32), rows: rows, features: 64,
            task: .classification, classes: 10, source: "builtin:digits")).dataset
    }

    /// A finished run with `curves` logged and its best epoch recorded.
    @discardableResult
    func addRun(
        _ name: String, params: [String: ParamValue] = [:], curves: SyntheticCurves, group: String? = nil,
        tags: [String] = [], seed: Int64? = nil, dataset: DatasetID? = nil, sweep: SweepID? = nil,
        status: RunStatus = .finished
    ) throws -> Run {
        let run = try store.createRun(RunSpec(
            name: name, group: group, tags: tags, seed: seed, datasetID: dataset, sweepID: sweep, params: params))
        try store.logMetrics(run.id, points: curves.points)
        if status != .running {
            let best = curves.val.indices.min { curves.val[$0] < curves.val[$1] }.map { $0 + 1 }
            try store.finishRun(run.id, status: status, stopReason: status == .finished ? .completed : .error, bestStep: best)
        }
        return try store.run(id: run.id)
    }

    /// The classic lesson: dropout 0 overfits, 0.3 generalizes best, 0.7
    /// underfits (train loss high, above val loss). Three seeds per rate.
    /// Returns the dropout rates in the order used.
    @discardableResult
    func addDropoutSweep(seeds: [Int64] = [1, 2, 3], epochs: Int = 40) throws -> [Double] {
        let rates = [0.0, 0.1, 0.3, 0.5, 0.7]
        for rate in rates {
            for seed in seeds {
                let trainFloor = 0.02 + 0.9 * rate * rate
                let valFloor = 0.16 - 0.35 * rate + 0.6 * rate * rate
                let rise = rate < 0.2 ? 0.004 : 0
                let curves = SyntheticCurves.decaying(
                    epochs: epochs, trainFloor: trainFloor, valFloor: valFloor, riseAfter: 20, rise: rise,
                    jitter: 0.002, seed: UInt64(seed) &* 31 &+ UInt64(rate * 10))
                try addRun(
                    "d\(Int(rate * 10))-s\(seed)",
                    params: ["dropout": .real(rate), "wd": .real(0), "lr": .real(1e-3), "hidden": .text("64,64"),
                             "seed": .integer(seed), "epochs": .integer(Int64(epochs))],
                    curves: curves, group: "dropout", seed: seed)
            }
        }
        return rates
    }
}
