import Foundation
import SQLite
import Testing
import TrackerStore
@testable import TrackerCLI

/// Messages for situations users meet: each names the problem and the fix,
/// with the right exit code.
@Suite struct MessageTests {
    @Test func runsWithoutMetricsYetAreNotAUsageError() throws {
        let fixture = try FixtureDatabase()
        try fixture.store.createRun(RunSpec(name: "fresh"))
        for words in [["compare"], ["report", "-o", fixture.directory.path("r.html")], ["history", "fresh", "--metric", "val_loss"]] {
            let result = runCLI(words + ["--db", fixture.path])
            #expect(result.exitCode == 1, "\(words)")
            #expect(result.stderr.contains("logged no metrics yet"), "\(words): \(result.stderr)")
            #expect(!result.stderr.contains("logged: ."), "\(words)")
        }
    }

    @Test func aMissingDefaultObjectiveSaysToChooseOneWithMetric() throws {
        let fixture = try FixtureDatabase()
        let run = try fixture.store.createRun(RunSpec(name: "train-only"))
        try fixture.store.logMetrics(run.id, step: 1, [MetricKey.trainLoss: 0.5])
        let result = runCLI(["compare", "--db", fixture.path])
        #expect(result.exitCode == 1)
        #expect(result.stderr.contains("have not logged 'val_loss'") && result.stderr.contains("--metric: train_loss"))
    }

    @Test func whereJoinsConditionsWithAndAndOrInAnyCase() throws {
        let fixture = try FixtureDatabase()
        let curves = SyntheticCurves.decaying(epochs: 3, trainFloor: 0.1, valFloor: 0.2)
        try fixture.addRun("a", params: ["wd": .real(0.1), "dropout": .real(0)], curves: curves)
        try fixture.addRun("b", params: ["wd": .real(0.1), "dropout": .real(0.5)], curves: curves)
        for joiner in ["and", "AND", "And"] {
            let result = runCLI(["runs", "--where", "wd>=0.1 \(joiner) dropout=0", "--format", "csv", "--db", fixture.path])
            #expect(result.exitCode == 0, "\(joiner): \(result.stderr)")
            #expect(result.stdout.contains(",a,") && !result.stdout.contains(",b,"), "\(joiner)")
        }
        try fixture.addRun("c", params: ["wd": .real(0), "dropout": .real(0.9)], curves: curves)
        for joiner in ["or", "OR", "Or"] {
            let result = runCLI(["runs", "--where", "dropout=0 \(joiner) dropout>=0.9", "--format", "csv", "--db", fixture.path])
            #expect(result.exitCode == 0, "\(joiner): \(result.stderr)")
            #expect(result.stdout.contains(",a,") && !result.stdout.contains(",b,") && result.stdout.contains(",c,"), "\(joiner)")
        }
        // AND binds tighter than OR: (wd>=0.1 and dropout=0.5) or dropout>=0.9 is b and c.
        let mixed = runCLI(["runs", "--where", "wd>=0.1 AND dropout=0.5 OR dropout>=0.9", "--format", "csv", "--db", fixture.path])
        #expect(!mixed.stdout.contains(",a,") && mixed.stdout.contains(",b,") && mixed.stdout.contains(",c,"), "\(mixed.stdout)")
    }

    @Test func blankNamesAndControlCharactersAreRefusedAndEscapedOnOutput() throws {
        let store = try Store.inMemory()
        for name in ["   ", "\t", "red\u{1B}[31mrun", "line\rover"] {
            #expect(throws: StoreError.self, "\(name.debugDescription)") { try store.createRun(RunSpec(name: name)) }
            #expect(throws: StoreError.self) { try store.createRun(RunSpec(tags: [name])) }
            #expect(throws: StoreError.self) { try store.createSweep(SweepSpec(name: name, space: "{}")) }
        }
        #expect(try store.count(table: "runs") == 0)

        // A name written by plain SQL is shown escaped, never run by the terminal.
        let fixture = try FixtureDatabase()
        try fixture.store.database.execute(
            "INSERT INTO runs (name, status, created_at) VALUES (?, 'finished', '2026-01-01T00:00:00Z')", "evil\u{1B}[2Jname")
        let result = runCLI(["runs", "--db", fixture.path])
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("evil\\e[2Jname"))
    }

    @Test func csvProblemsAreNamedWithTheirFix() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let headerless = directory.path("headerless.csv")
        try "1,2,3\n4,5,6\n7,8,9\n".write(toFile: headerless, atomically: true, encoding: .utf8)
        let noHeader = runCLI(["train", "--dataset", headerless, "--epochs", "1", "--db", directory.path("t.db")])
        #expect(noHeader.exitCode != 0)
        #expect(noHeader.stderr.contains("no header row"), "\(noHeader.stderr)")

        let constant = directory.path("constant.csv")
        try ("x,y\n" + (0..<30).map { "\($0),7\n" }.joined()).write(toFile: constant, atomically: true, encoding: .utf8)
        let same = runCLI(["train", "--dataset", constant, "--epochs", "1", "--db", directory.path("t.db")])
        #expect(same.exitCode != 0)
        #expect(same.stderr.contains("same value (7) in every row"), "\(same.stderr)")
        #expect(!same.stderr.contains("negative rows"))
    }

    @Test(arguments: [["--shift", "100"], ["--shift", "8"], ["--cutout", "100"], ["--cutout", "9"]])
    func augmentationsLargerThanTheImageAreRefused(option: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = runCLI(["train", "--dataset", "digits", "--epochs", "1", "--db", db] + option)
        #expect(result.exitCode == 64, "\(option): \(result.stderr)")
        #expect(result.stderr.contains("8x8"), "\(option)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}

extension Store {
    fileprivate func count(table: String) throws -> Int {
        try database.scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }
}
