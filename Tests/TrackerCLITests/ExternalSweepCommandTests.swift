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

        let resume = try runShellScript("\"$TRACKER\" sweep --db t.db --resume 1", in: directory)
        #expect(resume.exitCode == 1)
        #expect(resume.stderr.contains("--resume cannot rerun yet"))
        let misuse = try runShellScript("\"$TRACKER\" sweep --db t.db --param lr=1,2 --wd 0,1 -- true", in: directory)
        #expect(misuse.exitCode == 64)
        #expect(misuse.stderr.contains("give it as --param wd=VALUES"))
    }
}
