import Foundation
import Testing
import TrackerStore

/// The store-backed commands through the real executable: exit codes,
/// stdout and stderr as a shell sees them.
@Suite struct StoreCommandBinaryTests {

    @Test func compareDiagnoseAndExportRoundTrip() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1, 2], epochs: 30)
        let compare = try runTrackerBinary(["compare", "--db", fixture.path, "--by", "dropout", "--format", "json"])
        #expect(compare.exitCode == 0, "\(compare.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["dropout"] as? Double == 0.3)
        let diagnose = try runTrackerBinary(["diagnose", "--db", fixture.path, "d0-s1"])
        #expect(diagnose.exitCode == 0, "\(diagnose.stderr)")
        #expect(diagnose.stdout.hasPrefix("d0-s1: overfitting"))
        let export = try runTrackerBinary(["export", "--db", fixture.path, "--metrics", "d3-s1"])
        #expect(export.exitCode == 0)
        #expect(export.stdout.split(separator: "\n").count == 1 + 90, "train_loss, train_eval_loss and val_loss for 30 epochs")
    }

    @Test func aMissingRunExits1WithASuggestion() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 3)
        let result = try runTrackerBinary(["show", "--db", fixture.path, "d3-s"])
        #expect(result.exitCode == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "Error: no run named 'd3-s'; did you mean 'd3-s1'?\n")
    }

    @Test func anInvalidWhereExits64() throws {
        let fixture = try FixtureDatabase()
        let result = try runTrackerBinary(["compare", "--db", fixture.path, "--where", "dropout"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("Error: Invalid value for '--where': predicate 'dropout' has no operator"))
        #expect(result.stderr.contains("See 'tracker compare --help' for more information."))
    }

    @Test func deleteRefusesInAPipeWithoutYes() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 3)
        let refused = try runTrackerBinary(["delete", "--db", fixture.path, "d0-s1"])
        #expect(refused.exitCode == 64)
        #expect(try fixture.store.runs().count == 5)
        let done = try runTrackerBinary(["delete", "--db", fixture.path, "d0-s1", "--yes"])
        #expect(done.exitCode == 0)
        #expect(try fixture.store.runs().count == 4)
    }

    @Test func aMissingDatabaseExits1NamingThePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("none.db")
        let result = try runTrackerBinary(["runs", "--db", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("'\(path)'") && result.stderr.contains("--db"))
    }
}
