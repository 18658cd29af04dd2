import Testing
import TrackerStore
@testable import TrackerCLI

@Suite struct RunResolverTests {
    @Test func aRunIsFoundByNameFirstThenById() throws {
        let fixture = try FixtureDatabase()
        let first = try fixture.addRun("alpha", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        // A run literally named "1": the name wins over run 1's id.
        let named = try fixture.addRun("1", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        let resolver = RunResolver(store: fixture.store)
        #expect(try resolver.run("1").id == named.id)
        #expect(try resolver.run(String(named.id)).id == named.id)
        #expect(try resolver.run("alpha").id == first.id)
        #expect(try resolver.runs(["alpha", "alpha", "1"]).map(\.name) == ["alpha", "1"])
    }

    @Test func anEmptyDatabaseSaysHowToStart() throws {
        let fixture = try FixtureDatabase()
        #expect(throws: CommandFailure("no run named 'x'; the database has no runs yet (start one with 'tracker train')")) {
            try RunResolver(store: fixture.store).run("x")
        }
    }

    @Test func aFailedRunShowsItsErrorAndStopReason() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.store.createRun(RunSpec(name: "boom"))
        try fixture.store.logMetrics(run.id, step: 1, ["train_loss": 1e6])
        try fixture.store.finishRun(run.id, status: .failed, stopReason: .diverged, error: "loss became infinite; lower --lr")
        let result = runCLI(["show", "--db", fixture.path, "boom"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("status ") && $0.hasSuffix(" failed (diverged)") })
        #expect(lines.contains { $0.hasPrefix("error ") && $0.hasSuffix(" loss became infinite; lower --lr") })
    }
}
