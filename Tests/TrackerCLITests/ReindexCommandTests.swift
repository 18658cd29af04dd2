import Foundation
import SQLite
import Testing
import TrackerCLI
import TrackerStore

/// Metrics written by other means (rows in `metrics` without summaries):
/// the reading commands say so and point to `tracker reindex`, which
/// summarizes them exactly as the writer would have.
@Suite struct ReindexCommandTests {
    /// Two runs with the same curves: one logged through the store, one whose
    /// points a script inserted with SQL. Returns the names.
    func fixtureWithAScriptedRun(_ fixture: FixtureDatabase) throws -> (logged: String, scripted: String) {
        let curves = SyntheticCurves.decaying(epochs: 12, trainFloor: 0.1, valFloor: 0.2, riseAfter: 7, rise: 0.05, jitter: 0.01, seed: 3)
        let logged = try fixture.addRun("logged", curves: curves)
        let scripted = try fixture.store.createRun(RunSpec(name: "scripted"))
        let database = try Database(path: fixture.path)
        defer { database.close() }
        for point in curves.points {
            try database.execute(
                "INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, (SELECT id FROM metric_keys WHERE name = ?), ?, ?)",
                scripted.id, point.key, point.step, point.value)
        }
        try database.execute("UPDATE runs SET status = 'finished' WHERE id = ?", scripted.id)
        return (logged.name, scripted.name)
    }

    @Test func readingCommandsNameTheProblemAndNeverExit64() throws {
        let fixture = try FixtureDatabase()
        let names = try fixtureWithAScriptedRun(fixture)

        let show = runCLI(["show", "--db", fixture.path, names.scripted])
        #expect(show.exitCode == 0)
        #expect(show.stdout.contains("run `tracker reindex`"))

        let compareOne = runCLI(["compare", "--db", fixture.path, names.scripted])
        #expect(compareOne.exitCode == 1, "a data problem, not a usage error")
        #expect(compareOne.stderr.contains("tracker reindex"))

        let compareAll = runCLI(["compare", "--db", fixture.path])
        #expect(compareAll.exitCode == 0)
        #expect(compareAll.stderr.contains("run scripted has metrics but no summaries"))

        let history = runCLI(["history", "--db", fixture.path, names.scripted, "--metric", "val_loss", "--format", "csv"])
        #expect(history.exitCode == 1)
        #expect(history.stderr.contains("tracker reindex"))
    }

    @Test func reindexSummarizesAsTheWriterDoesAndIsIdempotent() throws {
        let fixture = try FixtureDatabase()
        let names = try fixtureWithAScriptedRun(fixture)

        let first = runCLI(["reindex", "--db", fixture.path])
        #expect(first.exitCode == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 run without summaries; 1 changed"))

        let store = try Store(path: fixture.path)
        defer { store.close() }
        let logged = try store.summaries(of: store.run(named: names.logged).id)
        let scripted = try store.summaries(of: store.run(named: names.scripted).id)
        #expect(scripted == logged)
        let comparison = try store.comparison()
        let rows = comparison.rows.sorted { $0.name < $1.name }
        #expect(rows.count == 2)
        #expect(rows[0].atBest == rows[1].atBest, "values at the best epoch too")

        let again = runCLI(["reindex", "--db", fixture.path])
        #expect(again.stdout.contains("nothing to rebuild"))
        let all = runCLI(["reindex", "--db", fixture.path, "--all"])
        #expect(all.stdout.contains("every run with metrics; 0 changed"))
        #expect(runCLI(["compare", "--db", fixture.path, names.scripted]).exitCode == 0)
    }
}
