import SQLite
import Testing
@testable import TrackerStore

@Suite("Metrics and their summaries")
struct MetricTests {
    /// Summaries recomputed from the stored history, the slow way.
    func summariesFromHistory(_ store: TrackerStore, run: RunID) throws -> [String: MetricSummary] {
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

    @Test func perEpochLoggingKeepsSummariesEqualToHistory() throws {
        let store = try TrackerStore.forTesting()
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
    @Test func batchesInAnyOrderKeepSummariesEqualToHistory() throws {
        let store = try TrackerStore.forTesting()
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

    @Test func aStepLoggedTwiceIsRefusedAndTheEpochRollsBack() throws {
        let store = try TrackerStore.forTesting()
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

    @Test func nanIsRefusedWithAHintAndInfinityIsKept() throws {
        let store = try TrackerStore.forTesting()
        let run = try store.createRun()
        let error = #expect(throws: StoreError.self) { try store.logMetrics(run.id, step: 1, ["val_loss": .nan]) }
        #expect(error?.description.contains("diverged") == true)
        try store.logMetrics(run.id, step: 1, ["val_loss": .infinity])
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.value) == [.infinity])
    }

    @Test func newMetricNamesAreInternedOnceAndStandardOnesKeepTheirIDs() throws {
        let store = try TrackerStore.forTesting()
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
    @Test func heartbeatIsWrittenAtMostOncePerInterval() throws {
        let store = try TrackerStore.forTesting()
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
