import Foundation
import Testing
import TrackerStore
@testable import TrackerCLI

@Suite struct DiagnoseSuggestionTests {
    @Test func theTrainCommandRepeatsTheRunWithTheChange() {
        let line = TrainCommandLine(
            dataset: "digits",
            params: ["wd": .real(0.001), "batch_size": .integer(32), "batchnorm": .integer(1), "layernorm": .integer(0),
                     "optimizer": .text("adamw"), "hidden": .text("64,64"), "notes": .text("x y"),
                     // Derived facts and an unset flag must not become options.
                     "features": .integer(64), "train_rows": .integer(1078), "rmsnorm": .integer(0)],
            databasePath: "my runs.db")
        #expect(line.applying(["dropout": .real(0.3), "wd": nil]).text
            == "tracker train --dataset digits --batchnorm --dropout 0.3 --optimizer adamw --db 'my runs.db'",
            "batch size 32 and hidden 64,64 are train's defaults, so they are left out")
        #expect(line.applying(["batch_size": .integer(128)]).text.contains("--batch-size 128"))
    }
}

@Suite struct DiagnoseCommandTests {
    @Test func diagnosesAnOverfittingRunAndPrintsARunnableCommand() throws {
        let fixture = try FixtureDatabase()
        let digits = try fixture.registerDigits()
        try fixture.addRun(
            "overfit", params: ["hidden": .text("64,64"), "lr": .real(1e-3), "epochs": .integer(60)],
            curves: .decaying(epochs: 60, trainFloor: 0.02, valFloor: 0.15, riseAfter: 20, rise: 0.01), seed: 3, dataset: digits.id)
        let result = runCLI(["diagnose", "--db", fixture.path, "overfit"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("overfit: overfitting (severe)\n"))
        #expect(result.stdout.contains("Next: early stopping with patience 6"))
        #expect(result.stdout.contains(
            "tracker train --dataset digits --early-stop 6 --epochs 60 --seed 3 --db \(fixture.path)"))
    }

    @Test func jsonHasTheVerdictEvidenceAndCommands() throws {
        let fixture = try FixtureDatabase()
        try fixture.addRun("under", params: ["dropout": .real(0.7)], curves: .decaying(epochs: 40, trainFloor: 0.55, valFloor: 0.5))
        let result = runCLI(["diagnose", "--db", fixture.path, "under", "--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "underfitting")
        let recommendations = try #require(object["recommendations"] as? [[String: Any]])
        #expect(recommendations.first?["command"] as? String == "tracker train --dropout 0.35 --db \(fixture.path)")
        let evidence = try #require(object["evidence"] as? [String: Any])
        #expect((evidence["final_gap"] as? Double ?? 0) < 0)
    }

    @Test func aRunWithoutCurvesIsAClearFailure() throws {
        let fixture = try FixtureDatabase()
        try fixture.store.createRun(RunSpec(name: "empty"))
        let result = runCLI(["diagnose", "--db", fixture.path, "empty"])
        #expect(result.exitCode == 1)
        #expect(result.stderr == "Error: run 'empty' has no train_loss history; diagnose needs train_loss and val_loss per epoch\n")
    }
}
