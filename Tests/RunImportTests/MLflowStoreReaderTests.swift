import Foundation
import SQLite
import Testing
@testable import RunImport

@Suite struct MLflowStoreReaderTests {
    static let stores = ["mlflow2", "mlflow3"]

    @Test(arguments: stores)
    func readsEveryLiveRunAsMLflowWroteIt(store: String) throws {
        let expected = try #require(try Fixture.json("\(store)-expected.json") as? [[String: Any]])
        let live = expected.filter { $0["deleted"] == nil }
        let runs = try MLflowStoreReader(path: Fixture.path("\(store).db")).readRuns()

        #expect(runs.map(\.name) == live.map { $0["name"] as? String })
        for (run, want) in zip(runs, live) {
            #expect(run.source == .mlflow)
            let isHex = run.externalID.allSatisfy(\.isHexDigit)
            #expect(run.externalID.count == 32 && isHex)
            #expect(run.group == want["group"] as? String)
            #expect(run.status.rawValue == want["status"] as? String)
            #expect(run.startTime == Expected.date(milliseconds: want["start_ms"]))
            #expect(run.endTime == Expected.date(milliseconds: want["end_ms"]))
            #expect(run.params == Expected.params(want["params"]))
            #expect(run.tags == want["tags"] as? [String: String])
            #expect(run.notes == want["notes"] as? String)
            #expect(run.gitCommit == want["git_commit"] as? String)
            #expect(run.metrics == Expected.metrics(want["metrics"], timeUnit: 1000))
            #expect(run.systemTags.keys.filter { !$0.hasPrefix("mlflow.") } == [])
            #expect(run.warnings.isEmpty)
        }
        #expect(Set(runs.map(\.externalID)).count == runs.count)
    }

    @Test(arguments: stores)
    func severalValuesAtOneStepKeepTheLatest(store: String) throws {
        let runs = try MLflowStoreReader(path: Fixture.path("\(store).db")).readRuns()
        let baseline = try #require(runs.first { $0.name == "baseline-wd0" })
        let atStep2 = baseline.metrics.filter { $0.key == "train_loss" && $0.step == 2 }
        // make_fixtures.py logs 0.123456 half a second after the epoch's value.
        #expect(atStep2.map(\.value) == [0.123456])
    }

    @Test(arguments: stores)
    func nanPointsStayNaN(store: String) throws {
        let runs = try MLflowStoreReader(path: Fixture.path("\(store).db")).readRuns()
        let diverged = try #require(runs.first { $0.name == "diverged" })
        let nanPoints = diverged.metrics.filter(\.value.isNaN)
        #expect(nanPoints.map(\.key) == ["val_loss"])
        #expect(nanPoints.map(\.step) == [3])
    }

    @Test(arguments: stores)
    func deletedRunsOnlyWhenAsked(store: String) throws {
        let expected = try #require(try Fixture.json("\(store)-expected.json") as? [[String: Any]])
        let deletedNames = expected.filter { $0["deleted"] != nil }.compactMap { $0["name"] as? String }
        #expect(!deletedNames.isEmpty)
        let reader = try MLflowStoreReader(path: Fixture.path("\(store).db"))
        let liveNames = try reader.readRuns().compactMap(\.name)
        #expect(liveNames.filter(deletedNames.contains) == [])
        let all = try reader.readRuns(includeDeleted: true)
        #expect(all.compactMap(\.name) == expected.compactMap { $0["name"] as? String })
    }

    @Test(arguments: stores)
    func schemaRevisionIsReported(store: String) throws {
        let revision = try #require(try MLflowStoreReader(path: Fixture.path("\(store).db")).schemaRevision)
        let isHex = revision.allSatisfy(\.isHexDigit)
        #expect(revision.count == 12 && isHex)
    }

    /// The reader must not change a byte, nor leave a journal, WAL or shm file.
    @Test(arguments: stores)
    func readingLeavesTheFileUntouched(store: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("mlflow.db")
        try FileManager.default.copyItem(atPath: Fixture.path("\(store).db"), toPath: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            let reader = try MLflowStoreReader(path: path)
            _ = try reader.readRuns(includeDeleted: true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["mlflow.db"])
    }

    @Test func anotherSQLiteFileIsRefusedNamingIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("tracker.db")
        do {
            let database = try Database(path: path)
            try database.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT)")
        }
        let error = try #require(throws: ImportError.self) { try MLflowStoreReader(path: path) }
        #expect(error.path == path)
        #expect(error.description.contains("not an MLflow tracking store"))
        #expect(error.description.contains("missing experiments, metrics, params, tags"))
        #expect(!error.description.contains("\n"))
    }

    @Test func aFileThatIsNotSQLiteIsRefusedNamingIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("notes.db")
        try Data("just some text, certainly not a database header".utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ImportError.self) { try MLflowStoreReader(path: path) }
        #expect(error.description.hasPrefix("\(path): not an MLflow tracking store"))
    }

    @Test func aMissingFileIsRefusedNamingIt() throws {
        let error = try #require(throws: ImportError.self) { try MLflowStoreReader(path: "/nonexistent/mlflow.db") }
        #expect(error.description == "/nonexistent/mlflow.db: no such file; expected an MLflow SQLite tracking store (mlflow.db)")
    }

    @Test(arguments: [
        ("32", ImportedValue.int(32)), ("-7", .int(-7)), ("0.001", .real(0.001)), ("1e-4", .real(0.0001)),
        ("adamw", .text("adamw")), ("nan", .text("nan")), ("inf", .text("inf")), ("0x10", .text("0x10")),
        ("True", .text("True")), ("", .text("")),
    ])
    func paramsAreTypedOnlyWhenTheyAreNumbers(text: String, typed: ImportedValue) {
        #expect(ImportedValue(parsing: text) == typed)
    }
}
