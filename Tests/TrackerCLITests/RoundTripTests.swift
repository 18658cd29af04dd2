import Foundation
import Testing
import TrackerStore

/// The workflow a practitioner lives in, through the real `tracker` binary on
/// one temporary database: train two runs, compare them, diagnose one, query
/// the file with SQL (and be refused a write without --write).
@Suite struct RoundTripTests {
    @Test func trainCompareDiagnoseAndQuery() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("round-trip.db")
        let common = ["--dataset", "moons", "--epochs", "15", "--hidden", "16", "--group", "trip", "--quiet", "--db", db]

        let plain = try runTrackerBinary(["train", "--name", "plain"] + common)
        #expect(plain.exitCode == 0, "\(plain.stderr)")
        #expect(plain.stdout.contains("Next: tracker compare"))
        let decayed = try runTrackerBinary(["train", "--name", "decayed", "--wd", "1e-2", "--optimizer", "adamw"] + common)
        #expect(decayed.exitCode == 0, "\(decayed.stderr)")

        // compare: one row per run, the params that differ as columns, CSV that parses.
        let compare = try runTrackerBinary(["compare", "--group", "trip", "--format", "csv", "--db", db])
        #expect(compare.exitCode == 0, "\(compare.stderr)")
        let lines = compare.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.contains("wd") && header.contains("optimizer") && header.contains("val_loss"))
        #expect(!header.contains("hidden"), "hidden is the same in both runs, so it is not a column")
        #expect(Set(lines.dropFirst().map { $0.contains("plain") ? "plain" : $0.contains("decayed") ? "decayed" : "?" }) == ["plain", "decayed"])

        // diagnose: a verdict, and a next command that tracker train accepts.
        let diagnosis = try runTrackerBinary(["diagnose", "plain", "--db", db])
        #expect(diagnosis.exitCode == 0, "\(diagnosis.stderr)")
        let verdicts = ["underfitting", "overfitting", "healthy"]
        #expect(verdicts.contains { diagnosis.stdout.hasPrefix("plain: \($0)") }, "\(diagnosis.stdout)")
        let suggested = try #require(
            diagnosis.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { $0.hasPrefix("tracker train ") })
        var words = suggested.split(separator: " ").dropFirst(2).map { $0.replacingOccurrences(of: "'", with: "") }
        // Keep the replay short: its own --epochs is replaced, everything else runs as suggested.
        if let epochs = words.firstIndex(of: "--epochs") { words.removeSubrange(epochs...(epochs + 1)) }
        words += ["--epochs", "2", "--name", "suggested", "--quiet"]
        let replay = try runTrackerBinary(["train"] + words)
        #expect(replay.exitCode == 0, "the suggested command must run: \(suggested)\n\(replay.stderr)")

        // sql: typed params, read-only by default.
        let query = try runTrackerBinary(["sql", "SELECT name, typeof(value) AS type FROM runs JOIN params ON run_id = runs.id WHERE key = 'wd' ORDER BY name", "--format", "json", "--db", db])
        #expect(query.exitCode == 0, "\(query.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["decayed", "plain", "suggested"])
        #expect(rows.allSatisfy { ($0["type"] as? String) == "real" }, "wd is stored as a number")
        let refused = try runTrackerBinary(["sql", "DELETE FROM runs", "--db", db])
        #expect(refused.exitCode == 1)
        #expect(refused.stderr.contains("readonly") || refused.stderr.contains("read-only") || refused.stderr.contains("--write"))
        let store = try Store(path: db)
        defer { store.close() }
        #expect(try store.runs(RunFilter()).count == 3)
        #expect(try store.runs(RunFilter()).allSatisfy { $0.status == .finished })
    }
}
