import Foundation
import Testing
@testable import TrackerCLI
import TrackerStore

/// Runs whose regime is known by construction, trained by the real engine
/// (seeded and small), each get their verdict from `tracker diagnose` and
/// the same word in `compare`'s fit column. The settings were fixed before
/// the rule was written; the rule was then made to follow the evidence.
@Suite struct DiagnosisCalibrationTests {
    static let regimes: [(name: String, words: [String], verdict: String, fit: String)] = [
        // Tiny data (10% of digits), a large network, no regularization.
        ("tiny-data-big-net", ["--dataset", "digits", "--subset", "0.1", "--hidden", "256,256", "--epochs", "150"],
         "overfitting (severe)", "overfit!"),
        // A weight decay so large the model cannot fit.
        ("huge-decay", ["--dataset", "digits", "--subset", "0.3", "--hidden", "64", "--optimizer", "adamw", "--wd", "30", "--epochs", "60"],
         "underfitting", "underfit"),
        // A learning rate that diverges.
        ("diverging-lr", ["--dataset", "moons", "--lr", "100"], "unstable: lower --lr", "unstable"),
        // Well regularized: small net, weight decay, early stopping, on noisy sine.
        ("well-regularized", ["--dataset", "sine", "--hidden", "32,32", "--optimizer", "adamw", "--wd", "1e-3",
                              "--early-stop", "30", "--epochs", "400"], "healthy", "ok"),
        // Dropout: its training-mode loss sits above val_loss; the eval-mode gap is what counts.
        ("dropout", ["--dataset", "moons", "--hidden", "64", "--dropout", "0.3", "--early-stop", "30", "--epochs", "200"],
         "healthy", "ok"),
    ]

    @Test func eachRegimeGetsItsVerdict() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("c.db")
        for regime in Self.regimes {
            _ = trainInProcess(regime.words + ["--seed", "1", "--name", regime.name, "--quiet", "--db", db])
        }
        for regime in Self.regimes {
            let diagnose = runCLI(["diagnose", "--db", db, regime.name])
            #expect(diagnose.stdout.hasPrefix("\(regime.name): \(regime.verdict)\n"), "\(diagnose.stdout)\(diagnose.stderr)")
        }
        let compare = runCLI(["compare", "--db", db, "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]])
        for regime in Self.regimes {
            let row = try #require(rows.first { $0["run"] as? String == regime.name })
            #expect(row["fit"] as? String == regime.fit, "\(regime.name): \(row)")
        }
        // The dropout run's training-mode loss is above its val_loss: the old
        // train_loss gap would have been negative; the eval-mode gap is not.
        let store = try Store(path: db)
        defer { store.close() }
        let dropout = try store.summaries(of: store.run(named: "dropout").id)
        #expect(try #require(dropout["train_eval_loss"]).lastValue < (try #require(dropout["train_loss"])).lastValue)
    }
}
