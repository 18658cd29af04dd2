import Testing
@testable import TrackerStore

@Suite struct ExportQueryTests {
    @Test(arguments: TestBackend.all) func datasetUsageCountsRunsPerVersion(backend: TestBackend) throws {
        let store = try backend.store()
        let v1 = try store.registerDataset(DatasetSpec(
            name: "moons", fingerprint: String(repeating: "1", count: 64), rows: 10, features: 2, task: .classification, classes: 2)).dataset
        let v2 = try store.registerDataset(DatasetSpec(
            name: "moons", fingerprint: String(repeating: "2", count: 64), rows: 12, features: 2, task: .classification, classes: 2)).dataset
        try store.registerDataset(DatasetSpec(
            name: "sine", fingerprint: String(repeating: "3", count: 64), rows: 5, features: 1, task: .regression))
        try store.createRun(RunSpec(datasetID: v2.id))
        try store.createRun(RunSpec(datasetID: v2.id))
        let all = try store.datasetUsage()
        #expect(all.map { "\($0.dataset.name) v\($0.dataset.version)" } == ["moons v1", "moons v2", "sine v1"])
        #expect(all.map(\.runCount) == [0, 2, 0])
        let moons = try store.datasetUsage(named: "moons")
        #expect(moons.map(\.dataset.id) == [v1.id, v2.id])
        #expect(try store.datasetUsage(named: "absent").isEmpty)
    }

    @Test(arguments: TestBackend.all) func metricPointsStreamInRunMetricStepOrderForTheSelection(backend: TestBackend) throws {
        let store = try backend.store()
        let a = try store.createRun(RunSpec(name: "a", group: "g"))
        let b = try store.createRun(RunSpec(name: "b"))
        try store.logMetrics(a.id, step: 2, ["val_loss": 0.5, "train_loss": 0.4])
        try store.logMetrics(a.id, step: 1, ["val_loss": 0.7, "train_loss": 0.6, "odd \"metric\"": 1])
        try store.logMetrics(b.id, step: 1, ["val_loss": 0.9])
        var seen: [String] = []
        try store.forEachMetricPoint { run, metric, step, value in seen.append("\(run) \(metric) \(step) \(value)") }
        #expect(seen == [
            "a train_loss 1 0.6", "a train_loss 2 0.4", "a val_loss 1 0.7", "a val_loss 2 0.5", "a odd \"metric\" 1 1.0",
            "b val_loss 1 0.9",
        ])
        seen = []
        try store.forEachMetricPoint(RunFilter(group: "g"), metrics: ["val_loss", "odd \"metric\""]) { run, metric, step, _ in
            seen.append("\(run) \(metric) \(step)")
        }
        #expect(seen == ["a val_loss 1", "a val_loss 2", "a odd \"metric\" 1"])
    }
}
