import Foundation
import SQLite
import Testing
@testable import TrackerCLI
import TrackerStore

/// A learning rate that blows the loss up is instability, not overfitting:
/// the run fails naming --lr, diagnose says so, compare never ranks it first.
@Suite struct UnstableRunTests {
    @Test func aDivergingLearningRateFailsTheRunNamingTheFlag() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let unstable = runCLI(["train", "--dataset", "moons", "--lr", "100", "--seed", "1", "--name", "hot", "--quiet", "--db", db])
        #expect(unstable.exitCode == 1)
        #expect(unstable.stderr.contains("rerun with a lower --lr (now 100, e.g. --lr 10)"), "\(unstable.stderr)")
        let calm = runCLI(["train", "--dataset", "moons", "--seed", "1", "--epochs", "10", "--name", "calm", "--quiet", "--db", db])
        #expect(calm.exitCode == 0, "\(calm.stderr)")

        let store = try Store(path: db)
        defer { store.close() }
        let hot = try store.run(named: "hot")
        #expect(hot.status == .failed)
        #expect(hot.error?.contains("--lr") == true, "\(hot.error ?? "")")

        let diagnose = runCLI(["diagnose", "--db", db, "hot"])
        #expect(diagnose.stdout.hasPrefix("hot: unstable: lower --lr"), "\(diagnose.stdout)")
        #expect(diagnose.stdout.contains("--lr 10"))
        #expect(!diagnose.stdout.contains("early stopping"))

        let compare = runCLI(["compare", "--db", db, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["run"] as? String == "calm")
        let hotRow = try #require(rows.first { $0["run"] as? String == "hot" })
        #expect(hotRow["fit"] as? String == "unstable")
    }

    @Test func anOldRunWhoseLossExplodedIsUnstableAndNeverRankedFirst() throws {
        let fixture = try FixtureDatabase()
        // Nobody stopped it: the lowest val_loss of all, then the loss blew up.
        var exploding = SyntheticCurves.decaying(epochs: 20, trainFloor: 0.05, valFloor: 0.05)
        for epoch in 15..<20 {
            exploding.train[epoch] = pow(10, Double(epoch - 12))
            exploding.val[epoch] = pow(10, Double(epoch - 12))
        }
        try fixture.addRun("exploded", params: ["lr": .real(5)], curves: exploding)
        try fixture.addRun("steady", params: ["lr": .real(1e-3)], curves: .decaying(epochs: 20, trainFloor: 0.1, valFloor: 0.2))

        let table = ComparisonTable.runs(try fixture.store.comparison())
        let run = try #require(table.columns.firstIndex(of: "run"))
        #expect(table.rows.first?[run] == .text("steady"))
        let diagnose = runCLI(["diagnose", "--db", fixture.path, "exploded"])
        #expect(diagnose.stdout.hasPrefix("exploded: unstable: lower --lr"), "\(diagnose.stdout)")
        #expect(diagnose.stdout.contains("--lr 0.5"))
    }
}
