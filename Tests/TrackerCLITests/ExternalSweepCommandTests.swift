import Foundation
import Testing
import TrackerStore

/// `tracker sweep -- COMMAND`: a sweep over an outside script, through the real binary.
@Suite struct ExternalSweepCommandTests {
    /// val_loss falls with the epoch and grows with the distance of lr from 1e-3 and with wd.
    static let script = """
        import argparse, os, sys
        sys.path.insert(0, sys.argv.pop(1))
        from track import track
        p = argparse.ArgumentParser(); p.add_argument("--lr", type=float); p.add_argument("--wd", type=float)
        a = p.parse_args()
        seed = int(os.environ["TRACKER_SEED"])
        for e in range(1, 6):
            track(step=e, metrics={"val_loss": abs(a.lr - 1e-3) * 100 + a.wd + 1.0 / e + seed * 0.001})
        """

    @Test func aGridOverAPythonScriptFindsTheBestSettingAndSaysHowToReproduceIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data(Self.script.utf8).write(to: directory.url.appendingPathComponent("train.py"))
        let helpers = ExecCommandTests.repository.appendingPathComponent("examples/python").path
        let result = try runShellScript("""
            "$TRACKER" sweep --db t.db --param lr=1e-4,1e-3 --param wd=0,0.01 --seeds 0,1 --workers 2 \
                -- python3 train.py "\(helpers)" --lr {lr} --wd {wd}
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("* best: trial 2, lr=0.001 wd=0"))
        #expect(result.stdout.contains("Reproduce: tracker exec --param lr=0.001 --param wd=0 --seed 0 -- python3 train.py"))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let sweep = try store.sweep(id: 1)
        let runs = try store.runs().filter { $0.sweepID == sweep.id }
        #expect(runs.count == 8)
        #expect(runs.allSatisfy { $0.status == .finished })
        #expect(Set(runs.compactMap(\.seed)) == [0, 1])
        #expect(try runs.allSatisfy { try store.origin(of: $0.id).source == .exec })
        #expect(try runs.allSatisfy { try store.history(of: $0.id, metric: "val_loss").count == 5 })

        // Two runs lost (as if interrupted): --resume runs only those again.
        let lost = runs.filter { $0.trial == 3 }.map(\.id)
        try store.deleteRuns(lost)
        let resume = try runShellScript("\"$TRACKER\" sweep --db t.db --resume 1", in: directory)
        #expect(resume.exitCode == 0, "\(resume.stderr)")
        #expect(resume.stderr.contains("6 runs already done, 2 to run"))
        let resumed = try store.runs().filter { $0.sweepID == sweep.id }
        #expect(resumed.count == 8)
        let redone = resumed.filter { $0.trial == 3 }
        #expect(redone.count == 2 && redone.allSatisfy { $0.status == .finished })
        let misuse = try runShellScript("\"$TRACKER\" sweep --db t.db --param lr=1,2 --wd 0,1 -- true", in: directory)
        #expect(misuse.exitCode == 64)
        #expect(misuse.stderr.contains("give it as --param wd=VALUES"))
    }
    @Test func joinedWorkersRunASweepOverAPythonScriptEachUnitOnce() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data(Self.script.utf8).write(to: directory.url.appendingPathComponent("train.py"))
        let helpers = ExecCommandTests.repository.appendingPathComponent("examples/python").path
        let result = try runShellScript("""
            "$TRACKER" sweep --db t.db --name outside --param lr=1e-4,1e-3 --param wd=0,0.01 --seeds 0,1 --workers 0 \
                -- python3 train.py "\(helpers)" --lr {lr} --wd {wd} || exit 1
            TRACKER_HOST=machine-a "$TRACKER" sweep --join outside --db t.db > a.out 2> a.err &
            TRACKER_HOST=machine-b "$TRACKER" sweep --join outside --db t.db > b.out 2> b.err
            b=$?
            wait $!
            a=$?
            cat a.out b.out a.err b.err
            exit $((a + b))
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stdout)")
        #expect(result.stdout.contains("* best: trial 2, lr=0.001 wd=0"))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let sweep = try store.sweep(named: "outside")
        #expect(sweep.status == .finished)
        let runs = try store.runs().filter { $0.sweepID == sweep.id }
        #expect(runs.count == 8 && runs.allSatisfy { $0.status == .finished })
        #expect(Set(runs.map { "\($0.trial!) \($0.seed!)" }).count == 8, "each unit ran once")
        #expect(Set(runs.compactMap(\.host)).isSubset(of: ["machine-a", "machine-b"]))
        #expect(try runs.allSatisfy { try store.origin(of: $0.id).source == .exec })
        #expect(try store.sweepTrials(sweep.id).allSatisfy { $0.status == .done && $0.attempts == 1 })
    }
}

/// `tracker retune` of a sweep over an outside script: the new data reaches
/// the script as {dataset} and TRACKER_DATASET, with lineage.
@Suite struct ExternalRetuneTests {
    /// The best lr is 1e-3 times the data file's line count.
    static let script = """
        import argparse, os, sys
        sys.path.insert(0, sys.argv.pop(1))
        from track import track
        p = argparse.ArgumentParser(); p.add_argument("--lr", type=float); p.add_argument("--data")
        a = p.parse_args()
        assert os.environ["TRACKER_DATASET"] == a.data
        lines = len(open(a.data).read().splitlines())
        for e in range(1, 4):
            track(step=e, metrics={"val_loss": abs(a.lr - 1e-3 * lines) * 100 + 1.0 / e})
        """

    @Test func newDataMovesTheBestSettingAndTheChildSweepRecordsItsParent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try Data(Self.script.utf8).write(to: directory.url.appendingPathComponent("train.py"))
        try Data("a\n1\n".utf8).write(to: directory.url.appendingPathComponent("data.txt"))
        let helpers = ExecCommandTests.repository.appendingPathComponent("examples/python").path
        let result = try runShellScript("""
            set -e
            "$TRACKER" sweep --db t.db --param lr=2e-3,4e-3 --dataset data.txt --workers 2 \
                -- python3 train.py "\(helpers)" --lr {lr} --data {dataset}
            printf 'a\\n1\\n2\\n3\\n' > data-v2.txt
            "$TRACKER" retune --db t.db --sweep 1 --dataset data-v2.txt --workers 2
            """, in: directory)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.contains("* best: trial 0, lr=0.002"))
        #expect(result.stdout.contains("sweep-2: tracker exec --param lr=0.004 --seed 0 --dataset data-v2.txt -- python3 train.py"))
        let store = try Store(path: directory.path("t.db"))
        defer { store.close() }
        let child = try store.sweep(id: 2)
        #expect(child.parentSweepID == 1)
        let dataset = try store.dataset(id: try #require(child.datasetID))
        #expect(dataset.rows == 4)
        #expect(try store.runs().filter { $0.sweepID == 2 }.allSatisfy { $0.status == .finished && $0.datasetID == dataset.id })
    }
}
