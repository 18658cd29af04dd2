import Foundation
import Training

/// Issue 4's speed bar: matrix multiply GFLOP/s and three training workloads,
/// each followed by the same workload in PyTorch (2 threads) and a plain NumPy
/// MLP through Benchmarks/reference/engine_reference.py when its environment
/// exists (TRACKER_BENCH_PYTHON, default .venv-bench/bin/python), so that both
/// sides see the same load; otherwise beside ANCHORS.md's figures.
enum EngineBenchmark {
    struct Reference {
        var torch: Double
        var numpy: Double
    }

    /// Seconds (GFLOP/s for sgemm) from ANCHORS-style medians, used only when
    /// the reference script cannot run.
    static let storedReferences: [String: Reference] = [
        "sgemm_1024": Reference(torch: 117, numpy: 219),
        "sgemm_128x784x256": Reference(torch: 159, numpy: 165),
        "sine_3000_epochs": Reference(torch: 0.62, numpy: 0.24),
        "digits_epoch": Reference(torch: 0.0188, numpy: 0.0058),
        "mnist_epoch": Reference(torch: 1.00, numpy: 0.64),
    ]

    static func run() throws {
        let python = ProcessInfo.processInfo.environment["TRACKER_BENCH_PYTHON"] ?? ".venv-bench/bin/python"
        let scriptFound = FileManager.default.isExecutableFile(atPath: python) && FileManager.default.fileExists(atPath: script)
        print(scriptFound
            ? "  baselines: PyTorch and NumPy measured by \(script), each right after the engine's own figure"
            : "  baselines: ANCHORS.md figures (no \(python); run python3 \(script) once to create it)")
        print("  load average before: \(loadAverage())")
        defer { print("  load average after:  \(loadAverage())  (2 cores; above ~1 the figures are disturbed)") }

        /// The engine's figure, then the references for the same workload.
        func measure(_ key: String, _ engine: () throws -> Double) rethrows -> (Double, Reference) {
            let value = try engine()
            guard scriptFound else { return (value, storedReferences[key]!) }
            guard let measured = measuredReference(key, python: python) else {
                print("  (reference script failed for \(key); using ANCHORS.md figures for it)")
                return (value, storedReferences[key]!)
            }
            return (value, measured)
        }

        // TRACKER_BENCH_ENGINE_PARTS=sgemm,sine,digits,mnist runs only those workloads.
        let parts = ProcessInfo.processInfo.environment["TRACKER_BENCH_ENGINE_PARTS"]?.split(separator: ",").map(String.init)
        let selected = { (part: String) in parts?.contains(part) ?? true }

        var rows: [(String, String)] = []
        for (label, key, m, n, k) in [("sgemm 1024x1024x1024", "sgemm_1024", 1024, 1024, 1024),
                                      ("sgemm 128x784x256", "sgemm_128x784x256", 128, 256, 784)] where selected("sgemm") {
            let (gflops, base) = measure(key) { sgemm(m: m, n: n, k: k) }
            rows.append((label, String(format: "%6.1f GFLOP/s  (%.2fx NumPy %.0f, %.2fx PyTorch %.0f; target >= 0.70x NumPy)",
                                       gflops, gflops / base.numpy, base.numpy, gflops / base.torch, base.torch)))
        }
        if !rows.isEmpty { Measure.table(rows) }
        rows = []

        if selected("sine") {
            let (sine, sineBase) = try measure("sine_3000_epochs") { try sineSeconds() }
            rows.append(timeRow("sine 1-64-64-64-1, 3000 epochs", sine, sineBase,
                                target: "target: >= 10x faster than PyTorch, faster than NumPy"))
        }
        if selected("digits") {
            let (digits, digitsBase) = try measure("digits_epoch") {
                try epochSeconds(features: 64, hidden: [128, 128], classes: 10, rows: 1078, batch: 32, dropout: 0.3, epochs: 30)
            }
            rows.append(timeRow("digits 64-128-128-10 epoch", digits, digitsBase, target: "target: faster than both"))
            // Issue 13's bar for the per-epoch train_eval_loss pass, on the
            // benchmark's net and on the README's default digits net.
            for hidden in [[128, 128], [64, 64]] {
                let (epoch, pass) = try trainEvaluationCost(features: 64, hidden: hidden, classes: 10, rows: 1078, batch: 32, dropout: 0.3)
                let shape = (["64"] + hidden.map(String.init) + ["10"]).joined(separator: "-")
                rows.append(("digits \(shape) train-eval pass", String(
                    format: "%8.2f ms  (%.1f%% of the rest of the epoch, %.2f ms; target <= 25%%)",
                    pass * 1e3, 100 * pass / (epoch - pass), (epoch - pass) * 1e3)))
            }
        }
        if selected("mnist") {
            let (mnist, mnistBase) = try measure("mnist_epoch") {
                try epochSeconds(features: 784, hidden: [256, 256], classes: 10, rows: 60_000, batch: 128, dropout: 0, epochs: 3)
            }
            rows.append(timeRow("784-256-256-10 epoch (60k)", mnist, mnistBase, target: "target: faster than PyTorch, <= 1.2x NumPy"))
        }
        if !rows.isEmpty { Measure.table(rows) }
    }

    static let script = "Benchmarks/reference/engine_reference.py"

    /// The machine is shared: other work on the cores skews every figure.
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "unknown")
            .split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func timeRow(_ label: String, _ seconds: Double, _ base: Reference, target: String) -> (String, String) {
        (label, String(format: "%8.2f ms  (PyTorch %.2f ms: %.1fx faster; NumPy %.2f ms: %.2fx faster; %@)",
                       seconds * 1e3, base.torch * 1e3, base.torch / seconds, base.numpy * 1e3, base.numpy / seconds, target))
    }

    /// Median GFLOP/s of the engine's multiply (both cores for large shapes).
    static func sgemm(m: Int, n: Int, k: Int) -> Double {
        var random = RandomSource(seed: 1)
        let a = (0..<(m * k)).map { _ in random.uniformFloat() - 0.5 }
        let b = (0..<(k * n)).map { _ in random.uniformFloat() - 0.5 }
        var c = [Float](repeating: 0, count: m * n)
        let repetitions = max(3, min(50, Int(2e10 / Double(2 * m * n * k))))
        MatrixMultiply.multiply(a, b, into: &c, m: m, n: n, k: k)
        var times: [Double] = []
        for _ in 0..<5 {
            times.append(Measure.time { for _ in 0..<repetitions { MatrixMultiply.multiply(a, b, into: &c, m: m, n: n, k: k) } } / Double(repetitions))
        }
        return 2 * Double(m * n * k) / Measure.median(times) / 1e9
    }

    /// The noisy-sine workload as a user runs it (validation and diagnostics
    /// every epoch included): median of 3 whole runs.
    static func sineSeconds() throws -> Double {
        var random = RandomSource(seed: 2)
        func split(_ rows: Int) -> DataSplit {
            let x = (0..<rows).map { _ in Float(random.uniform() * 6 - 3) }
            return DataSplit(inputs: x, targets: x.map { sin($0) + Float(0.3 * random.gaussian()) }, rows: rows, features: 1)
        }
        let data = PreparedData(name: "sine", task: .regression, train: split(50), validation: split(50), test: split(200), featureNames: ["x"])
        var configuration = TrainingConfiguration()
        configuration.hiddenSizes = [64, 64, 64]
        configuration.batchSize = .full
        configuration.epochs = 3000
        configuration.learningRate = 1e-2
        let timer = EpochTimer()
        var times: [Double] = []
        for _ in 0..<3 {
            timer.reset()
            _ = try Trainer(configuration: configuration).train(on: data, observer: timer)
            times.append(timer.total)
        }
        return Measure.median(times)
    }

    /// Median time of one epoch (after the first) on synthetic data, AdamW.
    static func epochSeconds(features: Int, hidden: [Int], classes: Int, rows: Int, batch: Int, dropout: Double, epochs: Int) throws -> Double {
        var random = RandomSource(seed: 3)
        let inputs = (0..<(rows * features)).map { _ in Float(random.gaussian()) }
        let targets = (0..<rows).map { _ in Float(random.integer(below: classes)) }
        let empty = DataSplit(inputs: [], targets: [], rows: 0, features: features)
        let data = PreparedData(
            name: "synthetic", task: .classification(classes: classes),
            train: DataSplit(inputs: inputs, targets: targets, rows: rows, features: features),
            validation: empty, test: empty, featureNames: (0..<features).map { "f\($0)" })
        var configuration = TrainingConfiguration()
        configuration.hiddenSizes = hidden
        configuration.batchSize = .rows(batch)
        configuration.dropout = dropout > 0 ? [dropout] : []
        configuration.optimizer = .adamw
        configuration.weightDecay = 1e-2
        configuration.epochs = epochs
        let timer = EpochTimer()
        _ = try Trainer(configuration: configuration).train(on: data, observer: timer)
        return Measure.median(Array(timer.epochs.dropFirst()))
    }

    /// Median epoch time (which includes the train_eval_loss pass) and the
    /// median time of that pass alone: the trained model evaluated on as many
    /// training rows as the trainer's sample holds, as it does each epoch.
    static func trainEvaluationCost(
        features: Int, hidden: [Int], classes: Int, rows: Int, batch: Int, dropout: Double
    ) throws -> (epoch: Double, pass: Double) {
        var random = RandomSource(seed: 3)
        let inputs = (0..<(rows * features)).map { _ in Float(random.gaussian()) }
        let targets = (0..<rows).map { _ in Float(random.integer(below: classes)) }
        let empty = DataSplit(inputs: [], targets: [], rows: 0, features: features)
        let train = DataSplit(inputs: inputs, targets: targets, rows: rows, features: features)
        let data = PreparedData(
            name: "synthetic", task: .classification(classes: classes), train: train,
            validation: empty, test: empty, featureNames: (0..<features).map { "f\($0)" })
        var configuration = TrainingConfiguration()
        configuration.hiddenSizes = hidden
        configuration.batchSize = .rows(batch)
        configuration.dropout = dropout > 0 ? [dropout] : []
        configuration.optimizer = .adamw
        configuration.weightDecay = 1e-2
        configuration.epochs = 30
        let timer = EpochTimer()
        let result = try Trainer(configuration: configuration).train(on: data, observer: timer)
        guard let model = result.model else { return (Measure.median(timer.epochs), .nan) }
        // The trainer's rule: half the rows (at least 256, at most 4096); which rows does not change the time.
        let sampled = rows <= 256 ? rows : min(4096, max(256, rows / 2))
        let sample = DataSplit(
            inputs: Array(inputs.prefix(sampled * features)), targets: Array(targets.prefix(sampled)), rows: sampled, features: features)
        var passes: [Double] = []
        for _ in 0..<30 {
            passes.append(Measure.time { _ = model.evaluate(sample) })
        }
        return (Measure.median(Array(timer.epochs.dropFirst())), Measure.median(passes))
    }

    /// One workload through the reference script; nil if it fails.
    static func measuredReference(_ key: String, python: String) -> Reference? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--json", "--only", key]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let object = try? JSONSerialization.jsonObject(with: output) as? [String: [String: Double]],
              let value = object[key], let torch = value["torch"], let numpy = value["numpy"] else { return nil }
        return Reference(torch: torch, numpy: numpy)
    }
}

/// Times each epoch from the trainer's own callbacks.
final class EpochTimer: TrainingObserver, @unchecked Sendable {
    private var last = Measure.now()
    private var start = Measure.now()
    private(set) var epochs: [Double] = []
    var total: Double { last - start }

    func reset() {
        start = Measure.now()
        last = start
        epochs = []
    }

    func trainingDidFinishEpoch(_ report: EpochReport) -> TrainingDecision {
        let now = Measure.now()
        epochs.append(now - last)
        last = now
        return .proceed
    }

    func trainingDidSaveCheckpoint(_ checkpoint: CheckpointRecord) {}
}
