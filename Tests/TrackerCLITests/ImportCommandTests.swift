import Foundation
import Testing
import TrackerStore

/// `tracker import` through the real executable, on RunImportTests' fixtures.
@Suite struct ImportCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("RunImportTests/Fixtures")

    private func summary(_ result: CLIResult) throws -> [String: Any] {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return try #require(rows.first)
    }

    @Test func mlflowImportIsIdempotentAndItsRunsWorkWithShowCompareAndSQL() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let mlflow = Self.fixtures.appendingPathComponent("mlflow3.db").path
        let first = try runTrackerBinary(["import", "mlflow", mlflow, "--db", db, "--format", "json"])
        #expect(first.exitCode == 0, "\(first.stderr)")
        let created = try #require(try summary(first)["created"] as? Int)
        let added = try #require(try summary(first)["points_added"] as? Int)
        #expect(created > 0 && added > 0)
        let again = try runTrackerBinary(["import", "mlflow", mlflow, "--db", db, "--format", "json"])
        #expect(try summary(again)["created"] as? Int == 0)
        #expect(try summary(again)["unchanged"] as? Int == created)
        #expect(try summary(again)["points_added"] as? Int == 0)

        let show = try runTrackerBinary(["show", "--db", db, "dropout-0.3"])
        #expect(show.stdout.contains("status      crashed"))
        #expect(show.stdout.contains("source      mlflow, id "))
        let compare = try runTrackerBinary(["compare", "--db", db, "--format", "json"])
        #expect(compare.exitCode == 0, "\(compare.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == created)
        let sql = try runTrackerBinary([
            "sql", "--db", db, "SELECT count(*) AS n FROM metric_history JOIN runs ON runs.name = metric_history.run_name WHERE runs.source = 'mlflow'",
            "--format", "csv",
        ])
        #expect(sql.stdout == "n\n\(added)\n", "\(sql.stderr)")
    }

    @Test func aCorruptTensorBoardRecordIsWarnedWithFileAndOffsetAndTheRestImported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let corrupt = Self.fixtures.appendingPathComponent("tensorboard-corrupt")
        let facts = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: corrupt.appendingPathComponent("corruption.json"))) as? [String: Any])
        let file = try #require(facts["file"] as? String)
        let offset = try #require(facts["flipped_record_offset"] as? Int)
        let result = try runTrackerBinary(["import", "tensorboard", corrupt.path, "--db", directory.path("t.db"), "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
        #expect(warnings.contains { $0.contains(file) && $0.contains("offset \(offset)") }, "\(result.stderr)")
        #expect(try summary(result)["created"] as? Int == 1)
        #expect(try summary(result)["warnings"] as? Int == warnings.count)
        #expect((try summary(result)["points_added"] as? Int ?? 0) > 0)
    }

    @Test func aMissingSourceIsOneLineAndExit1() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.path("nothing.db")
        let result = try runTrackerBinary(["import", "mlflow", missing, "--db", directory.path("t.db")])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "Error: \(missing): no such file; expected an MLflow SQLite tracking store (mlflow.db)\n")
        let usage = try runTrackerBinary(["import", "tensorboard", "--db", directory.path("t.db")])
        #expect(usage.exitCode == 64)
    }
}
