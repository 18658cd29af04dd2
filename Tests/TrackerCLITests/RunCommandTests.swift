import Foundation
import Testing
import TrackerStore

/// `tracker run start|log|checkpoint|finish` driven by real shell scripts.
@Suite struct RunCommandTests {
    @Test func aShellScriptRecordsParamsMetricsACheckpointAndTheEnd() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("""
            set -e
            RUN=$("$TRACKER" run start --db t.db --name base --param lr=1e-3 --param batch_size=32 \
                --param optimizer=adamw --param nesterov=true --tag shell --group g1 --notes "first")
            echo "$RUN"
            "$TRACKER" run log --db t.db "$RUN" --step 1 train_loss=0.5 val_loss=0.6
            "$TRACKER" run log --db t.db "$RUN" --step 2 train_loss=0.4 val_loss=0.45
            printf 'weights-at-2' > model.bin
            "$TRACKER" run checkpoint --db t.db "$RUN" model.bin --step 2 --kind best --kept
            printf 'overwritten' > model.bin
            "$TRACKER" run finish --db t.db "$RUN"
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout == "base\n")
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let run = try store.run(named: "base")
        #expect(run.status == .finished)
        #expect(run.stopReason == .completed)
        #expect(run.group == "g1")
        #expect(run.notes == "first")
        #expect(run.bestStep == 2)
        #expect(try store.origin(of: run.id).source == .shell)
        #expect(try store.tags(of: run.id) == ["shell"])
        let params = try store.params(of: run.id)
        #expect(params["lr"] == .real(0.001))
        #expect(params["batch_size"] == .integer(32))
        #expect(params["optimizer"] == .text("adamw"))
        #expect(params["nesterov"] == .integer(1))
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.value) == [0.6, 0.45])
        #expect(try store.summaries(of: run.id)["val_loss"]?.minStep == 2)
        let best = try #require(try store.checkpoint(run.id, kind: .best))
        #expect(try store.checkpointBytes(best) == Array("weights-at-2".utf8))
    }

    @Test func aScriptThatDiesWithoutFinishingLeavesACrashedRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("""
            RUN=$("$TRACKER" run start --db t.db --name dies)
            "$TRACKER" run log --db t.db "$RUN" --step 1 train_loss=0.5
            "$TRACKER" run log --db t.db "$RUN" --step 2 train_loss=0.4
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        // The script's own 'log' calls found the run alive: both steps are there.
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let run = try store.run(named: "dies")
        #expect(run.status == .crashed)
        #expect(try store.history(of: run.id, metric: "train_loss").count == 2)
    }

    @Test func badInputGetsOneLineAndTheRightExitCode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("""
            RUN=$("$TRACKER" run start --db t.db --name bad)
            "$TRACKER" run log --db t.db "$RUN" --step 1 val_loss=0.5
            "$TRACKER" run log --db t.db "$RUN" --step 1 val_loss=0.4; echo "duplicate $?"
            "$TRACKER" run log --db t.db "$RUN" --step 2 val_loss=high; echo "string $?"
            "$TRACKER" run log --db t.db "$RUN" --step 2 val_loss=nan; echo "nan $?"
            "$TRACKER" run checkpoint --db t.db "$RUN" missing.bin --step 2; echo "missing $?"
            "$TRACKER" run start --db t.db --param =3 > /dev/null; echo "emptykey $?"
            "$TRACKER" run finish --db t.db "$RUN" --status failed --error "diverged"
            "$TRACKER" run log --db t.db "$RUN" --step 3 val_loss=0.3; echo "ended $?"
            """, in: directory)
        #expect(result.stdout == "duplicate 1\nstring 64\nnan 1\nmissing 1\nemptykey 64\nended 1\n")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("Error:") }
        #expect(errors.count == 6)
        #expect(errors[0].contains("'val_loss' at step 1"))
        #expect(errors[2].contains("NaN"))
        #expect(errors[3].contains("missing.bin"))
        #expect(errors[5].contains("has ended (failed)"))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let run = try store.run(named: "bad")
        #expect(run.status == .failed)
        #expect(run.error == "diverged")
        #expect(try store.history(of: run.id, metric: "val_loss").map(\.value) == [0.5])
    }

    @Test func startPrintsTheIdOrJSONWhenAsked() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("""
            "$TRACKER" run start --db t.db --name a --format id --owner-pid $$
            "$TRACKER" run start --db t.db --name b --format json --owner-pid $$
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", maxSplits: 1)
        #expect(lines.first == "1")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [[String: Any]])
        #expect(json.first?["id"] as? Int == 2)
        #expect(json.first?["name"] as? String == "b")
    }

    @Test func aDataFileIsRegisteredByContent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data("x,y\n1,2\n3,4\n5,6\n".utf8).write(to: directory.url.appendingPathComponent("points.csv"))
        try Data([0, 1, 2, 10, 3]).write(to: directory.url.appendingPathComponent("images.bin"))
        let result = try runShellScript("""
            "$TRACKER" run start --db t.db --name csv --dataset points.csv --owner-pid $$
            "$TRACKER" run start --db t.db --name raw --dataset images.bin --owner-pid $$
            "$TRACKER" run start --db t.db --name none --dataset absent.csv --owner-pid $$; echo "absent $?"
            """, in: directory)
        #expect(result.stdout == "csv\nraw\nabsent 1\n", "\(result.stderr)")
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let csv = try store.dataset(id: try #require(try store.run(named: "csv").datasetID))
        #expect(csv.name == "points.csv", "the name tracker train gives the same file")
        #expect(csv.rows == 3)
        #expect(csv.features == 1)
        let raw = try store.dataset(id: try #require(try store.run(named: "raw").datasetID))
        #expect(raw.fingerprint == SHA256.hex(of: [0, 1, 2, 10, 3] as [UInt8]))
        #expect(raw.rows == 1)
    }
}
