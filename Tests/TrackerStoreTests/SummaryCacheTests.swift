import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// The writer keeps each run's summary rows in memory (`RunSummaries`); these
/// check that what it commits always equals what the history says, whatever
/// happened to the cache: other runs in between, rolled-back calls, a new
/// store on the same file, a second writer, a run id reused.
@Suite("Summaries kept in memory by the writer")
struct SummaryCacheTests {
    /// One `run_summary` row as the history says it should be.
    struct ExpectedRow: Equatable, CustomStringConvertible {
        var summary: MetricSummary
        var valueAtBest: Double?
        var description: String { "\(summary) at best: \(valueAtBest.map { "\($0)" } ?? "nil")" }
    }

    /// Every summary row of `run`, read from the table and recomputed from the
    /// metrics table point by point, by metric name.
    func storedAndExpected(_ store: Store, run: RunID) throws -> (stored: [String: ExpectedRow], expected: [String: ExpectedRow]) {
        let stored = try store.database.rows("""
            SELECT k.name, s.count, s.last_step, s.last_value, s.min_step, s.min_value, s.max_step, s.max_value, s.value_at_best
            FROM run_summary AS s JOIN metric_keys AS k ON k.id = s.key_id WHERE s.run_id = ?
            """, run) { row in
            (try row.column(0, as: String.self),
             ExpectedRow(summary: try MetricSummary(row: row, from: 1), valueAtBest: try row.column(8, as: Double?.self)))
        }
        var histories: [String: [(step: Int, value: Double)]] = [:]
        for name in try store.metricNames() {
            let history = try store.history(of: run, metric: name)
            if !history.isEmpty { histories[name] = history }
        }
        let best = histories[MetricKey.valLoss]?.min { ($0.value, $0.step) < ($1.value, $1.step) }?.step
        var expected: [String: ExpectedRow] = [:]
        for (name, history) in histories {
            let last = history.max { $0.step < $1.step }!
            let minimum = history.min { ($0.value, $0.step) < ($1.value, $1.step) }!
            let maximum = history.max { ($0.value, -$0.step) < ($1.value, -$1.step) }!
            let summary = MetricSummary(
                count: history.count, lastStep: last.step, lastValue: last.value, minStep: minimum.step,
                minValue: minimum.value, maxStep: maximum.step, maxValue: maximum.value)
            expected[name] = ExpectedRow(summary: summary, valueAtBest: best.flatMap { step in history.first { $0.step == step }?.value })
        }
        return (Dictionary(uniqueKeysWithValues: stored), expected)
    }

    func expectSummariesMatchHistory(_ store: Store, run: RunID, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (stored, expected) = try storedAndExpected(store, run: run)
        #expect(!stored.isEmpty, sourceLocation: sourceLocation)
        #expect(stored == expected, sourceLocation: sourceLocation)
    }

    /// A noisy epoch whose val_loss minimum moves back and forth, with ties.
    func epoch(_ generator: inout SplitMix64) -> [String: Double] {
        let noise = Double(generator.next() % 16) / 16
        return ["val_loss": noise, "train_loss": (noise * 4).rounded() / 4, "lr": 1e-3, "train_acc": 1 - noise]
    }

    @Test(arguments: TestBackend.all) func runsLoggedInTurnsKeepTheirOwnSummaries(backend: TestBackend) throws {
        let store = try backend.store()
        let runs = try (0..<3).map { _ in try store.createRun().id }
        var generator = SplitMix64(seed: 5)
        for step in 1...60 {
            for run in runs where (step + Int(run)) % 3 != 0 {
                try store.logMetrics(run, step: step, epoch(&generator))
            }
            // Now and then a bulk call between the epochs of the others.
            if step % 20 == 0 {
                try store.logMetrics(runs[0], points: (1000..<1100).flatMap { bulkStep in
                    epoch(&generator).map { MetricPoint(key: $0.key, step: bulkStep + step * 100, value: $0.value) }
                })
            }
        }
        for run in runs { try expectSummariesMatchHistory(store, run: run) }
    }

    @Test(arguments: TestBackend.all) func aRolledBackCallLeavesNothingOfItsSummariesBehind(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 1, ["val_loss": 0.5, "train_loss": 0.7])
        try store.logMetrics(run.id, step: 2, ["val_loss": 0.4])
        // A better val_loss and a new metric, then a duplicate: the whole call rolls back.
        #expect(throws: StoreError.self) {
            try store.logMetrics(run.id, points: [
                MetricPoint(key: "val_loss", step: 3, value: 0.1), MetricPoint(key: "lr", step: 3, value: 1),
                MetricPoint(key: "train_loss", step: 1, value: 0.9),
            ])
        }
        #expect(try store.count("metrics") == 3)
        try expectSummariesMatchHistory(store, run: run.id)
        // The next calls start from what was committed, not from the rolled-back call.
        try store.logMetrics(run.id, step: 3, ["val_loss": 0.45, "train_loss": 0.6])
        try store.logMetrics(run.id, step: 4, ["lr": 2])
        try expectSummariesMatchHistory(store, run: run.id)
        #expect(try store.summaries(of: run.id)["val_loss"] == MetricSummary(
            count: 3, lastStep: 3, lastValue: 0.45, minStep: 2, minValue: 0.4, maxStep: 1, maxValue: 0.5))
        #expect(try store.summaries(of: run.id)["lr"] == MetricSummary(step: 4, value: 2))
    }

    @Test(arguments: TestBackend.all) func aBulkDuplicateNamesThePointAndWritesNothing(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun()
        try store.logMetrics(run.id, step: 150, ["val_loss": 0.5])
        // Far more points than one multi-row statement holds, the duplicate in the middle.
        let points = (1...300).map { MetricPoint(key: "val_loss", step: $0, value: 1 / Double($0)) }
        let error = #expect(throws: StoreError.self) { try store.logMetrics(run.id, points: points) }
        #expect(error == .invalidArgument(
            "run \(run.id) already has 'val_loss' at step 150; each metric is logged once per step"))
        #expect(try store.count("metrics") == 1)
        try expectSummariesMatchHistory(store, run: run.id)

        // A duplicate inside the call itself is named the same way.
        let twice = points.filter { $0.step != 150 } + [MetricPoint(key: "val_loss", step: 7, value: 3)]
        let inside = #expect(throws: StoreError.self) { try store.logMetrics(run.id, points: twice) }
        #expect(inside?.description.contains("already has 'val_loss' at step 7") == true)
        #expect(try store.count("metrics") == 1)

        #expect(throws: StoreError.notFound("no run with id 9999 to log metrics to")) {
            try store.logMetrics(9999, points: points)
        }
        try store.logMetrics(run.id, points: points.filter { $0.step != 150 })
        #expect(try store.count("metrics") == 300)
        try expectSummariesMatchHistory(store, run: run.id)
    }

    @Test func aNewStoreOnTheSameFileContinuesFromTheStoredSummaries() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("reopen.db")
        var generator = SplitMix64(seed: 8)
        let run: RunID
        do {
            let store = try Store(path: path)
            run = try store.createRun().id
            for step in 1...30 { try store.logMetrics(run, step: step, epoch(&generator)) }
            store.close()
        }
        let store = try Store(path: path)
        for step in 31...60 { try store.logMetrics(run, step: step, epoch(&generator)) }
        try expectSummariesMatchHistory(store, run: run)
    }

    /// Against the documented assumption, two stores write one run in turns:
    /// each finds its cache stale, reads the rows afresh, and stays exact.
    @Test func aSecondWriterOfTheSameRunIsNoticedAndNeverOverwritten() throws {
        let scratch = try ScratchDirectory()
        let path = scratch.path("two-writers.db")
        let first = try Store(path: path)
        let second = try Store(path: path)
        let run = try first.createRun().id
        var generator = SplitMix64(seed: 13)
        for step in 1...40 {
            try (step % 3 == 0 ? second : first).logMetrics(run, step: step, epoch(&generator))
        }
        // A metric the other store has never seen, first logged by each in turn.
        try first.logMetrics(run, step: 41, ["sparsity": 0.5])
        try second.logMetrics(run, step: 42, ["sparsity": 0.25])
        try first.logMetrics(run, step: 43, ["sparsity": 0.75])
        try expectSummariesMatchHistory(first, run: run)
        #expect(try first.summaries(of: run)["sparsity"]?.count == 3)
    }

    @Test(arguments: TestBackend.all) func aRunAfterADeletedOneStartsFromEmptySummaries(backend: TestBackend) throws {
        let store = try backend.store()
        let kept = try store.createRun()
        let deleted = try store.createRun()
        for step in 1...5 { try store.logMetrics(deleted.id, step: step, ["val_loss": Double(step), "lr": 1]) }
        try store.finishRun(deleted.id)
        #expect(try store.deleteRuns([deleted.id]) == 1)
        // The deleted run's id is not handed out again (run_id_high_water).
        let reused = try store.createRun()
        #expect(reused.id == deleted.id + 1)
        // Its first metric is one the deleted run never logged: no row of
        // the old run is touched, and it has no best epoch yet.
        try store.logMetrics(reused.id, step: 1, ["train_loss": 3])
        try expectSummariesMatchHistory(store, run: reused.id)
        try store.logMetrics(reused.id, step: 1, ["val_loss": 9, "lr": 2])
        #expect(try store.summaries(of: reused.id)["val_loss"] == MetricSummary(step: 1, value: 9))
        try expectSummariesMatchHistory(store, run: reused.id)
        #expect(try store.summaries(of: kept.id).isEmpty)
    }

    /// Merging the summaries of two parts gives the summary of the whole.
    @Test func mergingPartialSummariesEqualsSummarizingEverything() {
        var generator = SplitMix64(seed: 17)
        for _ in 0..<200 {
            let steps = Array(1...12).shuffled(using: &generator)
            // Few distinct values, so that minimum and maximum ties are common.
            let points = steps.map { (step: $0, value: Double(generator.next() % 4)) }
            let cut = Int(generator.next() % 11) + 1
            func summary(_ part: ArraySlice<(step: Int, value: Double)>) -> MetricSummary {
                var result = MetricSummary(step: part.first!.step, value: part.first!.value)
                for point in part.dropFirst() { result.add(step: point.step, value: point.value) }
                return result
            }
            var merged = summary(points[..<cut])
            merged.merge(summary(points[cut...]))
            let whole = summary(points[...])
            #expect(merged == whole)
            let minimum = points.min { ($0.value, $0.step) < ($1.value, $1.step) }!
            #expect((whole.minStep, whole.minValue) == (minimum.step, minimum.value), "ties keep the earlier step")
        }
    }
}
