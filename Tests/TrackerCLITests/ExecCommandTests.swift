import Foundation
import Testing
import TrackerStore

/// `tracker exec` through the real executable with real children.
@Suite struct ExecCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func write(_ text: String, to name: String, in directory: TemporaryDirectory) throws {
        try Data(text.utf8).write(to: directory.url.appendingPathComponent(name))
    }

    @Test func thePythonHelperLogsMetricsParamsACheckpointAndTheKeptStep() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let script = Self.repository.appendingPathComponent("examples/python/demo_train.py").path
        let result = try runShellScript("""
            cd "\(directory.url.path)" && "$TRACKER" exec --db t.db --name demo --param lr=0.1 --param epochs=12 --seed 4 \
                -- python3 "\(script)" --lr {lr} --epochs {epochs} --seed {seed}
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 12, "the child's stdout passes through")
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let run = try store.run(named: "demo")
        #expect(run.status == .finished)
        #expect(run.seed == 4)
        #expect(try store.origin(of: run.id).source == .exec)
        let params = try store.params(of: run.id)
        #expect(params["lr"] == .real(0.1))
        #expect(params["epochs"] == .integer(12))
        #expect(params["model"] == .text("linear"))
        #expect(params["train_rows"] == .integer(48))
        #expect(try store.history(of: run.id, metric: "train_loss").map(\.step) == Array(1...12))
        let valLoss = try #require(try store.summaries(of: run.id)["val_loss"])
        // The child said kept_step at its best epoch; the best epoch itself is the view's (minimum val_loss).
        #expect(run.keptStep == valLoss.minStep)
        let best = try #require(try store.checkpoint(run.id, kind: .best))
        #expect(best.step == valLoss.minStep)
        let saved = try JSONSerialization.jsonObject(with: Data(try store.checkpointBytes(best))) as? [String: Any]
        #expect(saved?["epoch"] as? Int == valLoss.minStep)
        #expect(try store.tags(of: run.id) == ["demo"])
        let record = try #require(try store.sourceRecord(of: run.id))
        #expect(record.exitCode == 0)
        #expect(record.stdoutTail?.hasSuffix("epoch 12: train_loss=\(String(format: "%.4f", try #require(try store.history(of: run.id, metric: "train_loss").last?.value))) val_loss=\(String(format: "%.4f", valLoss.lastValue))") == true)
    }

    @Test func theChildGetsItsEnvironmentAndPlaceholders() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try write("a,b\n1,2\n", to: "data.csv", in: directory)
        try write("""
            printf '%s\\n' "$TRACKER_RUN_ID" "$TRACKER_RUN_NAME" "$TRACKER_PARAMS" "$TRACKER_DATASET" "$TRACKER_SEED" "$PYTHONUNBUFFERED" "$*" > env.txt
            """, to: "env.sh", in: directory)
        let result = try runShellScript("""
            "$TRACKER" exec --db t.db --name envy --param lr=1e-3 --param opt=adamw --param deep=true --seed 9 \
                --dataset data.csv -- bash env.sh --lr {lr} --data={dataset} --name {run_name} "model_{epoch}.h5"
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stderr.contains("{epoch} in the command names no param; passed on as typed"))
        let lines = try String(contentsOfFile: directory.path("env.txt"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "1")
        #expect(lines[1] == "envy")
        let params = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        #expect(params["lr"] as? Double == 0.001)
        #expect(params["opt"] as? String == "adamw")
        #expect(params["deep"] as? Bool == true)
        #expect(lines[3] == "data.csv")
        #expect(lines[4] == "9")
        #expect(lines[5] == "1")
        #expect(lines[6] == "--lr 0.001 --data=data.csv --name envy model_{epoch}.h5")
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let dataset = try store.dataset(id: try #require(try store.run(named: "envy").datasetID))
        // One data row is no data set the engine could train on: registered by its bytes.
        #expect(dataset.fingerprint == SHA256.hex(of: Array("a,b\n1,2\n".utf8)))
    }

    @Test func badInputIsReportedCountedAndNothingLoggedIsLost() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try write("""
            echo '{"step": 1, "metrics": {"loss": 0.5}}' >&$TRACKER_FD
            echo 'not json' >&$TRACKER_FD
            echo '{"step": 1, "metrics": {"loss": 0.4}}' >&$TRACKER_FD
            echo '{"step": 0, "metrics": {"loss": NaN, "acc": 0.1}}' >&$TRACKER_FD
            echo '{"step": 2, "metrics": {"loss": "high"}}' >&$TRACKER_FD
            echo '{"step": 2, "checkpoint": "missing.pt"}' >&$TRACKER_FD
            echo '@tracker {"step": 3, "metrics": {"loss": 0.3}}'
            echo "the last words" >&2
            exit 3
            """, to: "bad.sh", in: directory)
        let result = try runShellScript("\"$TRACKER\" exec --db t.db --name bad -- bash bad.sh", in: directory)
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("TRACKER_FD line 2: not JSON"))
        #expect(result.stderr.contains("TRACKER_FD line 3: loss at step 1 was already logged"))
        #expect(result.stderr.contains("TRACKER_FD line 4: step 0 comes after step 1"))
        #expect(result.stderr.contains("TRACKER_FD line 4: loss is NaN at step 0"))
        #expect(result.stderr.contains("TRACKER_FD line 5: metric \"loss\" is a string"))
        #expect(result.stderr.contains("checkpoint 'missing.pt' (step 2) cannot be read"))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let run = try store.run(named: "bad")
        #expect(run.status == .failed)
        #expect(run.error == "exited with code 3; last stderr lines:\nthe last words")
        #expect(try store.history(of: run.id, metric: "loss").map(\.value) == [0.5, 0.3])
        #expect(try store.history(of: run.id, metric: "acc").map(\.step) == [0])
        let record = try #require(try store.sourceRecord(of: run.id))
        #expect(record.exitCode == 3)
        #expect(record.malformedLines == 2)
        #expect(record.rejectedPoints == 2)
        #expect(record.missingCheckpoints == 1)
        let show = try runTrackerBinary(["show", "--db", directory.path("t.db"), "bad"])
        #expect(show.stdout.contains("2 malformed lines ignored; 2 points not stored"))
        #expect(show.stdout.contains("STDERR (last lines)\nthe last words"))
    }

    @Test func aCommandThatDoesNotExistExits127WithAFailedRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("\"$TRACKER\" exec --db t.db --name none -- no-such-program-here", in: directory)
        #expect(result.exitCode == 127)
        #expect(result.stderr.contains("command not found: 'no-such-program-here'"))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        #expect(try store.run(named: "none").status == .failed)
    }

    @Test func sigtermIsForwardedAndTheRunEndsKilledWith130() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The child signals its own tracker exec once it has logged a step.
        let result = try runShellScript("""
            "$TRACKER" exec --db t.db --name stopped -- bash -c \
                'echo "{\\"step\\": 1, \\"metrics\\": {\\"a\\": 1}}" >&$TRACKER_FD; kill -TERM $PPID; exec sleep 30'
            """, in: directory)
        #expect(result.exitCode == 130, "\(result.stderr)")
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let run = try store.run(named: "stopped")
        #expect(run.status == .killed)
        #expect(try store.history(of: run.id, metric: "a").count == 1)
    }

    @Test func killingTrackerExecWithSIGKILLEndsTheChildAndLeavesACrashedRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("""
            "$TRACKER" exec --db t.db --name orphan -- bash -c 'echo $$ > child.pid; exec sleep 30' &
            exec_pid=$!
            while [ ! -s child.pid ]; do sleep 0.05; done
            kill -KILL $exec_pid
            wait $exec_pid
            child=$(cat child.pid)
            while kill -0 $child 2>/dev/null; do sleep 0.05; done
            echo gone
            """, in: directory)
        #expect(result.stdout == "gone\n", "\(result.stderr)")
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        #expect(try store.run(named: "orphan").status == .crashed)
    }

    @Test func inAGitWorkTreeTheCommitDirtyFlagAndDiffAreKept() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try runShellScript("""
            set -e
            git init -q repo && cd repo
            echo "lr = 0.1" > train.cfg
            git add train.cfg
            git -c user.email=t@example.com -c user.name=t commit -q -m first
            echo "lr = 0.2" > train.cfg
            git rev-parse HEAD
            "$TRACKER" exec --db ../t.db --name dirty -- true
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let head = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let record = try #require(try store.sourceRecord(of: try store.run(named: "dirty").id))
        #expect(record.gitCommit == head)
        #expect(record.gitDirty == true)
        #expect(record.gitDiff?.contains("+lr = 0.2") == true)
        #expect(record.gitDiffTruncated == false)
    }
}

/// The README's Python helper is examples/python/track.py, line for line.
@Suite struct PythonHelperReadmeTests {
    @Test func theReadmeShowsTheHelperAsCommitted() throws {
        let root = ExecCommandTests.repository
        let helper = try String(contentsOf: root.appendingPathComponent("examples/python/track.py"), encoding: .utf8)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let code = helper.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(code.count >= 4 && code.count <= 10)
        let indented = code.map { "    " + $0 }.joined(separator: "\n")
        #expect(readme.contains(indented))
    }
}
