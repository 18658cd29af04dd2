import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI

@Suite struct RunsCommandTests {
    @Test func listsRunsNewestFirstWithTheirBestValLoss() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("first", curves: .decaying(epochs: 10, trainFloor: 0.1, valFloor: 0.2))
        try fixture.addRun("second", curves: .decaying(epochs: 12, trainFloor: 0.1, valFloor: 0.3))
        let result = runCLI(["runs", "--db", fixture.path, "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["second", "first"])
        #expect(rows[0]["epochs"] as? Int == 12)
        #expect(rows[0]["best_epoch"] as? Int == 12)
        let best = try #require(rows[1]["best_val_loss"] as? Double)
        #expect(abs(best - (0.2 + 0.8 * exp(-10.0 / 6))) < 1e-12)
    }

    @Test func filtersCombineAndWhereComparesNumbers() throws {
        let fixture = try FixtureDatabase()
        try fixture.addDropoutSweep(seeds: [1], epochs: 5)
        try fixture.addRun("other", params: ["dropout": .real(0.5)], curves: .decaying(epochs: 3, trainFloor: 0.1, valFloor: 0.2),
                           status: .failed)
        let result = runCLI(["runs", "--db", fixture.path, "--format", "csv", "--group", "dropout", "--where", "dropout>=0.3"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let names = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        #expect(names == ["d7-s1", "d5-s1", "d3-s1"])
        let failed = runCLI(["runs", "--db", fixture.path, "--format", "csv", "--status", "failed"])
        #expect(failed.stdout.split(separator: "\n").count == 2)
        #expect(failed.stdout.contains("other"))
        let limited = runCLI(["runs", "--db", fixture.path, "--format", "csv", "--limit", "2"])
        #expect(limited.stdout.split(separator: "\n").count == 3)
    }

    @Test func aMalformedWhereIsAUsageError() throws {
        let fixture = try FixtureDatabase()
        let result = runCLI(["runs", "--db", fixture.path, "--where", "wd~1"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("Error: Invalid value for '--where': predicate 'wd~1' has no operator"))
    }

    @Test func anUnknownStatusIsAUsageErrorWithASuggestion() throws {
        let fixture = try FixtureDatabase()
        let result = runCLI(["runs", "--db", fixture.path, "--status", "finshed"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("Did you mean 'finished'?"))
    }

    @Test func aMissingSweepFailsWithExit1() throws {
        let fixture = try FixtureDatabase()
        let result = runCLI(["runs", "--db", fixture.path, "--sweep", "nope"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix("Error: no sweep named 'nope'"))
    }

    @Test func aMissingDatabaseNamesThePathAndDb() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("absent.db")
        let result = runCLI(["runs", "--db", path])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "Error: no database at '\(path)'; create one with 'tracker init --db \(path)' or pass --db PATH\n")
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anEmptySelectionSaysSo() throws {
        let fixture = try FixtureDatabase()
        let result = runCLI(["runs", "--db", fixture.path])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "No runs match.\n")
    }
}

@Suite struct ShowCommandTests {
    @Test func showsParamsMetricsCheckpointsTagsNotesAndLineage() throws {
        let fixture = try FixtureDatabase()
        let digits = try fixture.registerDigits()
        let parent = try fixture.store.createSweep(SweepSpec(name: "first-tune", space: "{}"))
        let sweep = try fixture.store.createSweep(SweepSpec(name: "retune", space: "{}", parentSweepID: parent.id))
        let run = try fixture.addRun(
            "shown", params: ["wd": .real(1e-3), "optimizer": .text("adamw")],
            curves: .decaying(epochs: 8, trainFloor: 0.1, valFloor: 0.2, riseAfter: 5, rise: 0.2),
            tags: ["baseline"], seed: 42, dataset: digits.id, sweep: sweep.id)
        try fixture.store.setNotes(run.id, "first try")
        try fixture.store.saveCheckpoint(run.id, kind: .best, step: 5, bytes: Array(repeating: 7, count: 2048))
        let result = runCLI(["show", "--db", fixture.path, "shown"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.contains("shown (id \(run.id))"))
        #expect(text.contains("finished (completed)"))
        #expect(text.contains("digits v1 (1797 rows, 64 features, classification"))
        #expect(text.contains("sweep \(sweep.id) 'retune'; re-tunes \(parent.id) 'first-tune'"))
        // No early stopping: the weights kept are the last epoch's, not the best one's.
        #expect(text.contains("best epoch  5; weights kept from epoch 8 (last)"))
        #expect(text.contains("gap         "))
        #expect(text.contains("tags        baseline"))
        #expect(text.contains("notes       first try"))
        #expect(text.contains("optimizer  adamw"))
        #expect(text.split(separator: "\n").contains { $0.hasPrefix("best ") && $0.contains(" 5  2.0 KiB") })
        let valLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("val_loss") })
        // at_best, last, last epoch, min, min epoch ...
        let fields = valLine.split(separator: " ")
        #expect(fields[3] == "8")
        #expect(fields[5] == "5")
    }

    @Test func jsonCarriesTheSameFacts() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.addRun("j", params: ["dropout": .real(0.3)], curves: .decaying(epochs: 6, trainFloor: 0.1, valFloor: 0.2))
        let result = runCLI(["show", "--db", fixture.path, "--format", "json", String(run.id)])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["name"] as? String == "j")
        #expect((object["params"] as? [String: Any])?["dropout"] as? Double == 0.3)
        let valLoss = try #require((object["metrics"] as? [String: Any])?["val_loss"] as? [String: Any])
        #expect(valLoss["min_epoch"] as? Int == 6)
        #expect(object["epochs"] as? Int == 6)
    }

    @Test func csvIsOneFieldValueRowPerFact() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.addRun("c", params: ["dropout": .real(0.3)], curves: .decaying(epochs: 6, trainFloor: 0.1, valFloor: 0.2))
        let result = runCLI(["show", "--db", fixture.path, "--format", "csv", String(run.id)])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: ",", maxSplits: 1).map(String.init) }
        #expect(rows.first == ["field", "value"])
        let fields = Dictionary(rows.dropFirst().map { ($0[0], $0.count > 1 ? $0[1] : "") }, uniquingKeysWith: { first, _ in first })
        #expect(fields["name"] == "c")
        #expect(fields["params.dropout"] == "0.3")
        #expect(fields["metrics.val_loss.min_epoch"] == "6")
        #expect(fields["epochs"] == "6")
        #expect(rows.dropFirst().map { $0[0] } == rows.dropFirst().map { $0[0] }.sorted(), "fields in sorted order")
    }

    @Test func aMissingRunSuggestsTheClosestName() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("brave-otter-17", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        let result = runCLI(["show", "--db", fixture.path, "brave-oter-17"])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "Error: no run named 'brave-oter-17'; did you mean 'brave-otter-17'?\n")
        let unrelated = runCLI(["show", "--db", fixture.path, "zzz"])
        #expect(unrelated.exitCode == 1)
        #expect(unrelated.stderr == "Error: no run named 'zzz'; list runs with 'tracker runs'\n")
    }
}

@Suite struct RunEditingCommandTests {
    @Test func tagAddsAndRemoves() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.addRun("t", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        let added = runCLI(["tag", "--db", fixture.path, "t", "b", "a"])
        #expect(added.exitCode == 0, "\(added.stderr)")
        #expect(added.stdout == "t: tags a, b\n")
        let removed = runCLI(["tag", "--db", fixture.path, "t", "a", "--remove"])
        #expect(removed.stdout == "t: tags b\n")
        #expect(try fixture.store.tags(of: run.id) == ["b"])
    }

    @Test func noteReplacesAppendsAndClears() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.addRun("n", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        #expect(runCLI(["note", "--db", fixture.path, "n", "one"]).exitCode == 0)
        #expect(runCLI(["note", "--db", fixture.path, "n", "--append", "two"]).exitCode == 0)
        #expect(try fixture.store.run(id: run.id).notes == "one\ntwo")
        #expect(runCLI(["note", "--db", fixture.path, "n", ""]).stdout == "n: notes cleared.\n")
        #expect(try fixture.store.run(id: run.id).notes == nil)
    }

    @Test func deleteRefusesWithoutATerminalOrYes() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("keep", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        let refused = runCLI(["delete", "--db", fixture.path, "keep"])
        #expect(refused.exitCode == 64)
        #expect(refused.stderr.contains("Pass --yes to confirm."))
        #expect(try fixture.store.runs().count == 1)
    }

    @Test func deleteAsksOnATerminalAndRemovesUnreferencedBlobs() throws {
        let fixture = try FixtureDatabase()
        let a = try fixture.addRun("a", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        let b = try fixture.addRun("b", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        try fixture.store.saveCheckpoint(a.id, kind: .best, step: 1, bytes: [1, 2, 3])
        try fixture.store.saveCheckpoint(b.id, kind: .best, step: 1, bytes: [1, 2, 3])
        try fixture.store.saveCheckpoint(a.id, kind: .last, step: 2, bytes: [9])
        var terminal = TerminalInfo.plain
        terminal.stdinIsTerminal = true
        let declined = runCLI(["delete", "--db", fixture.path, "a"], terminal: terminal, input: ["n"])
        #expect(declined.exitCode == 0)
        #expect(declined.stderr.contains("Delete run a? [y/N]"))
        #expect(try fixture.store.runs().count == 2)
        let accepted = runCLI(["delete", "--db", fixture.path, "a"], terminal: terminal, input: ["yes"])
        #expect(accepted.exitCode == 0, "\(accepted.stderr)")
        #expect(accepted.stdout == "Deleted 1 run: a.\n")
        // [9] belonged to a alone; [1, 2, 3] is still b's.
        let blobs = try fixture.store.database.scalar("SELECT count(*) FROM blobs", as: Int.self)
        #expect(blobs == 1)
    }

    @Test func deleteChecksEveryNameBeforeDeletingAny() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("a", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2))
        let result = runCLI(["delete", "--db", fixture.path, "a", "missing", "--yes"])
        #expect(result.exitCode == 1)
        #expect(try fixture.store.runs().count == 1)
    }
}

@Suite struct DatasetsCommandTests {
    @Test func listsVersionsWithRunCounts() throws {
        let fixture = try FixtureDatabase()
        let v1 = try fixture.registerDigits()
        let v2 = try fixture.store.registerDataset(DatasetSpec(
            name: "digits", fingerprint: String(repeating: "cd", count: 32), rows: 1900, features: 64,
            task: .classification, classes: 10)).dataset
        try fixture.addRun("on-v1", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2), dataset: v1.id)
        try fixture.addRun("on-v2a", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2), dataset: v2.id)
        try fixture.addRun("on-v2b", curves: .decaying(epochs: 2, trainFloor: 0.1, valFloor: 0.2), dataset: v2.id)
        let result = runCLI(["datasets", "--db", fixture.path, "--name", "digits", "--format", "csv"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("digits,1,abababababab,1797,64,classification,,builtin:digits,"))
        #expect(lines[1].hasSuffix(",1"))
        #expect(lines[2].hasPrefix("digits,2,cdcdcdcdcdcd,1900,"))
        #expect(lines[2].hasSuffix(",2"))
        let none = runCLI(["datasets", "--db", fixture.path, "--name", "moons"])
        #expect(none.stdout == "No data set named 'moons'.\n")
    }
}
