import Foundation
import Testing
import TrackerStore
import Analysis

@Suite("ReportGatherer: a report's data as plain values, and the runs it reads back")
struct ReportGathererTests {
    /// A database file in a fresh directory; the test removes it.
    struct ScratchStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracker-analysis-\(UUID().uuidString)")
        let store: Store

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try Store(path: directory.appendingPathComponent("tracker.db").path)
        }

        /// A finished run whose val_loss falls to `floor` at epoch `bestEpoch`, then rises.
        func run(_ name: String, floor: Double, bestEpoch: Int, epochs: Int) throws -> RunID {
            let run = try store.createRun(RunSpec(name: name, notes: "note of \(name)", params: ["lr": .real(floor)]))
            for epoch in 1...epochs {
                let val = floor + 0.01 * Double(abs(epoch - bestEpoch))
                try store.logMetrics(run.id, step: epoch, ["train_loss": floor / 2, "val_loss": val])
            }
            try store.finishRun(run.id, bestStep: bestEpoch)
            return run.id
        }

        func remove() {
            store.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test func rankingPutsTheBestFirstTheOlderOfATieNextAndRunsWithoutTheObjectiveLast() {
        // Rows come newest first: row 3 is the oldest run.
        let values: [Double?] = [0.3, nil, 0.1, 0.3]
        let lowest = ComparisonRanking.order(objectiveValues: values, direction: .min)
        #expect(lowest == [2, 3, 0, 1])
        let highest = ComparisonRanking.order(objectiveValues: values, direction: .max)
        #expect(highest == [3, 0, 2, 1])
    }

    @Test func curvesComeBestFirstWithTheirWholeHistoriesAndScriptRunsHaveNoWeights() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let floors = [("middle", 0.4, 3), ("best", 0.2, 5), ("worst", 0.6, 2)]
        for (name, floor, best) in floors { _ = try scratch.run(name, floor: floor, bestEpoch: best, epochs: 6) }

        let data = try ReportGatherer(store: scratch.store).gather(RunFilter(), objective: "val_loss", direction: .min, title: "t")
        let expectedOrder = floors.sorted { $0.1 < $1.1 }.map(\.0)
        #expect(data.curves.map(\.name) == expectedOrder)
        #expect(data.comparison.rows.count == floors.count)
        #expect(data.omittedCurves == 0)
        for curve in data.curves {
            let logged = try #require(floors.first { $0.0 == curve.name })
            #expect(curve.bestStep == logged.2)
            #expect(curve.notes == "note of \(curve.name)")
            #expect(curve.histories["val_loss"]?.map(\.step) == Array(1...6))
            #expect(curve.histories["val_acc"] == nil)
            #expect(curve.earlyStopStep == nil)
        }
        // Logged by a script: no checkpoint, so no weight plots, and nothing went wrong.
        #expect(data.weights == nil && data.sineFit == nil)
        #expect(data.omissions.isEmpty)
        #expect(data.sweep == nil && data.lineage.isEmpty)
    }

    @Test func aStoredRunIsFoundByNameOrIdAndSaysWhatItLacksByKey() throws {
        let scratch = try ScratchStore()
        defer { scratch.remove() }
        let id = try scratch.run("only", floor: 0.5, bestEpoch: 1, epochs: 2)

        #expect(try StoredRun("only", in: scratch.store).run.id == id)
        #expect(try StoredRun(String(id), in: scratch.store).run.name == "only")
        #expect(throws: StoredRunError.noRun(reference: "other")) { try StoredRun("other", in: scratch.store) }

        let stored = try StoredRun("only", in: scratch.store)
        #expect(stored.keptCheckpointKind == .last)
        #expect(throws: StoredRunError.noCheckpoint(run: "only", kind: "best", available: [])) {
            try stored.checkpoint(.best, in: scratch.store)
        }
        #expect(throws: StoredRunError.noDatasetParam(run: "only")) { try stored.rebuildData(in: scratch.store) }

        // Keys become flags only through the caller's renderer.
        let message = StoredRunError.noDatasetParam(run: "only").description(flag: { "<\($0)>" })
        #expect(message.hasSuffix("give <dataset> PATH.csv"))
    }
}
