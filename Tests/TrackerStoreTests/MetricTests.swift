import SQLite
import Testing
@testable import TrackerStore

@Suite("Metrics and their summaries")
struct MetricTests {
    /// Summaries recomputed from the stored history, the slow way.
    func summariesFromHistory(_ store: Store, run: RunID) throws -> [String: MetricSummary] {
        var result: [String: MetricSummary] = [:]
        for name in try store.metricNames() {
            let history = try store.history(of: run, metric: name)
            guard !history.isEmpty else { continue }
            let last = history.max { $0.step < $1.step }!
            let minimum = history.min { ($0.value, $0.step) < ($1.value, $1.step) }!
            let maximum = history.max { ($0.value, -$0.step) < ($1.value, -$1.step) }!
            result[name] = MetricSummary(
                count: history.count, lastStep: last.step, lastValue: last.value, minStep: minimum.step,
                minValue: minimum.value, maxStep: maximum.step, maxValue: maximum.value)
        }
        return result
    }

    @Test(arguments: TestBackend.all) func perEpochLoggingKeepsSummariesEqualToHistory(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        var generator = SplitMix64(seed: 3)
        for step in 1...120 {
            // Noisy, with repeated values so that ties are exercised too.
            let noise = Double(generator.next() % 8) / 8
            try store.logMetrics(run.id, step: step, [
                "train_loss": 1 / Double(step) + noise, "val_loss": (noise * 4).rounded() / 4 + 0.5,
                "train_acc": min(1, Double(step) / 100), "custom_metric": -noise,
            ])
        }
        let summaries = try store.summaries(of: run.id)
        #expect(summaries.count == 4)
        #expect(summaries == (try summariesFromHistory(store, run: run.id)))
        #expect(summaries["train_acc"]?.maxStep == 100, "ties keep the earliest step")
        #expect(try store.count("metrics") == 480)
    }

    /// Batches arriving out of order, and single points between them, give the
    /// same summaries as the history they leave.
    @Test(arguments: TestBackend.all) func batchesInAnyOrderKeepSummariesEqualToHistory(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        var generator = SplitMix64(seed: 11)
        var steps = Array(1...400)
        steps.shuffle(using: &generator)
        var offset = 0
        while offset < steps.count {
            let size = Int(generator.next() % 40) + 1
            let batch = steps[offset..<min(steps.count, offset + size)]
            try store.logMetrics(run.id, points: batch.flatMap { step in
                [MetricPoint(key: "val_loss", step: step, value: Double(generator.next() % 1000) / 100),
                 MetricPoint(key: "lr", step: step, value: Double(step % 7))]
            })
            offset += size
        }
        let summaries = try store.summaries(of: run.id)
        #expect(summaries == (try summariesFromHistory(store, run: run.id)))
        #expect(summaries["val_loss"]?.count == 400)
        #expect(summaries["lr"]?.lastStep == 400)
        #expect(summaries["lr"]?.lastValue == Double(400 % 7))
    }

    /// `value_at_best` holds each metric's value at the epoch of minimum
    /// val_loss, however the points arrive.
    func checkValuesAtBest(_ store: Store, run: RunID) throws {
        let best = try #require(try store.summaries(of: run)["val_loss"]).minStep
        let stored = try store.database.rows(
            "SELECT k.name, s.value_at_best FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id WHERE s.run_id = ?", run
        ) { (try $0.column(0, as: String.self), try $0.column(1, as: Double?.self)) }
        #expect(!stored.isEmpty)
        for (name, value) in stored {
            let expected = try store.history(of: run, metric: name).first { $0.step == best }?.value
            #expect(value == expected, "\(name) at best step \(best)")
        }
    }

    @Test(arguments: TestBackend.all) func valuesAtTheBestEpochFollowTheMinimumOfValLoss(backend: TestBackend) throws {
        let store = try backend.store()
        var generator = SplitMix64(seed: 21)
        // Per epoch, with a noisy val_loss whose minimum moves back and forth in time.
        let perEpoch = try store.createRun()
        for step in 1...60 {
            let noise = Double(generator.next() % 100) / 100
            try store.logMetrics(perEpoch.id, step: step, ["val_loss": noise, "train_loss": Double(step), "lr": noise * 2])
            if step % 20 == 0 { try checkValuesAtBest(store, run: perEpoch.id) }
        }
        // A metric logged later at the best epoch, and one at another epoch.
        let best = try #require(try store.summaries(of: perEpoch.id)["val_loss"]).minStep
        try store.logMetrics(perEpoch.id, step: best, ["test_loss": 0.25])
        try store.logMetrics(perEpoch.id, step: best == 1 ? 2 : 1, ["test_acc": 0.5])
        try checkValuesAtBest(store, run: perEpoch.id)
        #expect(try store.database.scalar("SELECT count(*) FROM run_summary WHERE value_at_best IS NULL", as: Int.self) == 1)

        // Shuffled batches, val_loss and other metrics in different calls.
        let batched = try store.createRun()
        var steps = Array(1...200)
        steps.shuffle(using: &generator)
        for chunk in stride(from: 0, to: steps.count, by: 25).map({ steps[$0..<min(steps.count, $0 + 25)] }) {
            try store.logMetrics(batched.id, points: chunk.map {
                MetricPoint(key: "train_loss", step: $0, value: Double($0))
            })
            try store.logMetrics(batched.id, points: chunk.map {
                MetricPoint(key: "val_loss", step: $0, value: Double(generator.next() % 1000))
            })
            try checkValuesAtBest(store, run: batched.id)
        }
    }

    @Test(arguments: TestBackend.all) func aStepLoggedTwiceIsRefusedAndTheEpochRollsBack(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 1, ["val_loss": 0.5])
        let error = #expect(throws: StoreError.self) {
            try store.logMetrics(run.id, step: 1, ["train_loss": 0.4, "val_loss": 0.1])
        }
        #expect(error?.description.contains("already has 'val_loss' at step 1") == true)
        #expect(try store.count("metrics") == 1)
        #expect(try store.summaries(of: run.id)["val_loss"] == MetricSummary(step: 1, value: 0.5))
        #expect(try store.summaries(of: run.id)["train_loss"] == nil)
    }

    @Test(arguments: TestBackend.all) func nanIsRefusedWithAHintAndInfinityIsKept(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        let error = #expect(throws: StoreError.self) { try store.logMetrics(run.id, step: 1, ["val_loss": .nan]) }
        #expect(error?.description.contains("diverged") == true)
        try store.logMetrics(run.id, step: 1, ["val_loss": .infinity])
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.value) == [.infinity])
    }

    @Test(arguments: TestBackend.all) func newMetricNamesAreInternedOnceAndStandardOnesKeepTheirIDs(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 1, ["grad_norm": 3, "val_loss": 1])
        try store.logMetrics(run.id, step: 2, ["grad_norm": 2])
        let names = try store.metricNames()
        #expect(Array(names.prefix(9)) == ["train_loss", "val_loss", "train_acc", "val_acc", "test_loss", "test_acc", "lr", "weight_norm", "sparsity"])
        #expect(names.filter { $0 == "grad_norm" }.count == 1)
        #expect(throws: StoreError.self) { try store.logMetrics(run.id, step: 3, ["": 1]) }
        #expect(throws: StoreError.self) { try store.logMetrics(9999, step: 1, ["val_loss": 1]) }
    }

    /// The heartbeat rides in the epoch transaction, at most once per interval.
    @Test(arguments: TestBackend.all) func heartbeatIsWrittenAtMostOncePerInterval(backend: TestBackend) throws {
        let store = try backend.store()
        store.heartbeatInterval = 3600
        let run = try store.createRun()
        try store.database.execute("UPDATE runs SET heartbeat_at = '2000-01-01T00:00:00.000Z' WHERE id = ?", run.id)
        try store.logMetrics(run.id, step: 1, ["val_loss": 1])
        #expect(try store.run(id: run.id).heartbeatAt == "2000-01-01T00:00:00.000Z", "not due yet")
        store.heartbeatInterval = 0
        try store.logMetrics(run.id, step: 2, ["val_loss": 1])
        #expect(try store.run(id: run.id).heartbeatAt != "2000-01-01T00:00:00.000Z")
    }
}
