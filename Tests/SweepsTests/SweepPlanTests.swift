import Foundation
import Testing
import EngineRecording
import TrackerStore
@testable import Sweeps

@Suite("Sweep trial plan: grid, random search, replicates, folds, resume")
struct SweepPlanTests {
    private func definition(
        _ options: [SweepOptionInput], method: SweepMethod = .grid, trials: Int? = nil, samplerSeed: UInt64 = 0,
        seeds: [Int64] = [0], folds: Int? = nil, first: [TrialSetting] = []
    ) throws -> SweepDefinition {
        let (space, fixed) = try SearchSpace.parse(options)
        return try SweepDefinition(space: space, configuration: SweepConfiguration(
            method: method, trials: trials, samplerSeed: samplerSeed, seeds: seeds, folds: folds, fixed: fixed, first: first))
    }

    @Test func gridIsTheCartesianProductInNameOrderLastFastest() throws {
        let plan = TrialPlan(try definition([SweepOptionInput("wd", "0,1e-4,1e-3,1e-2"), SweepOptionInput("dropout", "0,0.3,0.5")]))
        #expect(plan.trials.count == 12)
        #expect(Set(plan.trials).count == 12)
        #expect(plan.trials.prefix(5).map(\.summary) == [
            "dropout=0 wd=0", "dropout=0 wd=0.0001", "dropout=0 wd=0.001", "dropout=0 wd=0.01", "dropout=0.3 wd=0",
        ])
        #expect(plan.trials.last?.summary == "dropout=0.5 wd=0.01")
    }

    @Test func unitsGoTrialThenSeedThenFold() throws {
        let plan = TrialPlan(try definition([SweepOptionInput("wd", "0,0.1")], seeds: [0, 1, 2], folds: 3))
        let units = plan.units
        #expect(units.count == 2 * 3 * 3 && plan.unitsPerTrial == 9)
        #expect(units.prefix(4).map { [$0.trial, Int($0.seed), $0.fold!] } == [[0, 0, 0], [0, 0, 1], [0, 0, 2], [0, 1, 0]])
        #expect(Set(units.map(\.key)).count == units.count)
        #expect(units.allSatisfy { $0.setting == plan.trials[$0.trial] })
        #expect(TrialPlan(try definition([SweepOptionInput("wd", "0,0.1")])).units.allSatisfy { $0.fold == nil && $0.seed == 0 })
    }

    @Test func randomSearchIsDeterministicPerSeedAndStaysInItsBounds() throws {
        let options = [
            SweepOptionInput("wd", "1e-5:1e-1:log"), SweepOptionInput("lr", "1e-4:1e-2"),
            SweepOptionInput("batch-size", "16:256:log:int"), SweepOptionInput("optimizer", "adam,adamw,sgd"),
            SweepOptionInput("epochs", "30"),
        ]
        let plan = TrialPlan(try definition(options, method: .random, trials: 300, samplerSeed: 11))
        #expect(plan == TrialPlan(try definition(options, method: .random, trials: 300, samplerSeed: 11)))
        #expect(plan.trials != TrialPlan(try definition(options, method: .random, trials: 300, samplerSeed: 12)).trials)
        #expect(plan.trials.count == 300)
        let wd = plan.trials.map { $0["wd"]!.number! }, lr = plan.trials.map { $0["lr"]!.number! }
        let batch = plan.trials.map { $0["batch_size"]!.number! }
        #expect(wd.allSatisfy { (1e-5...1e-1).contains($0) } && lr.allSatisfy { (1e-4...1e-2).contains($0) })
        #expect(batch.allSatisfy { (16...256).contains($0) && $0 == $0.rounded() })
        // Log-uniform: every decade of 1e-5...1e-1 gets roughly a quarter of the draws.
        for decade in -5 ..< -1 {
            let share = Double(wd.filter { $0 >= pow(10, Double(decade)) && $0 < pow(10, Double(decade + 1)) }.count) / 300
            #expect(share > 0.15 && share < 0.35, "decade 1e\(decade): \(share)")
        }
        // Linear: about half the draws in the upper half of the range.
        let upper = Double(lr.filter { $0 > 5.05e-3 }.count) / 300
        #expect(upper > 0.4 && upper < 0.6)
        #expect(Set(plan.trials.map { $0["optimizer"]! }) == [.text("adam"), .text("adamw"), .text("sgd")])
        #expect(plan.trials.allSatisfy { $0["epochs"] == nil })
    }

    @Test func firstSettingsComeFirstAndAreNotRepeatedByTheGrid() throws {
        let best = TrialSetting(["wd": .number(1e-3)])
        let grid = TrialPlan(try definition([SweepOptionInput("wd", "0,1e-3,1e-2")], first: [best]))
        #expect(grid.trials.map(\.summary) == ["wd=0.001", "wd=0", "wd=0.01"])
        let random = TrialPlan(try definition([SweepOptionInput("wd", "1e-5:1e-1:log")], method: .random, trials: 4, first: [best]))
        #expect(random.trials.count == 4 && random.trials[0] == best)
    }

    @Test func theStoredSweepReplaysTheSamePlan() throws {
        let store = try Store.inMemory()
        let original = try definition(
            [SweepOptionInput("wd", "1e-5:1e-1:log"), SweepOptionInput("dropout", "0,0.5")], method: .random, trials: 7,
            samplerSeed: 3, seeds: [4, 5], folds: 2)
        let sweep = try store.createSweep(original.sweepSpec())
        #expect(TrialPlan(try SweepDefinition(sweep: store.sweep(id: sweep.id))) == TrialPlan(original))
    }

    @Test(arguments: [
        (SweepMethod.grid, Optional(5), "1e-3,1e-2", "--trials is for --method random"),
        (.grid, nil, "1e-5:1e-1:log", "'--wd' is a range"),
        (.random, nil, "1e-5:1e-1:log", "needs --trials N"),
        (.random, Optional(0), "1e-5:1e-1:log", "needs --trials N"),
        (.grid, nil, "0.1", "nothing to sweep"),
    ])
    func definitionsThatCannotWorkAreRefused(method: SweepMethod, trials: Int?, wd: String, message: String) {
        let error = #expect(throws: SweepDefinitionError.self) {
            try definition([SweepOptionInput("wd", wd)], method: method, trials: trials)
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
    }

    @Test func seedsAndFoldsAreChecked() {
        #expect(throws: SweepDefinitionError.self) { try definition([SweepOptionInput("wd", "0,1")], seeds: [1, 1]) }
        #expect(throws: SweepDefinitionError.self) { try definition([SweepOptionInput("wd", "0,1")], folds: 1) }
    }

    @Test func trialOptionsAreFixedOptionsThenSettingThenSeed() throws {
        let sweep = try definition([
            SweepOptionInput("wd", "0,1e-3"), SweepOptionInput("dataset", "digits"), SweepOptionInput("early-stop", "20"),
            SweepOptionInput("batchnorm", nil), SweepOptionInput("seed", "3"),
        ], seeds: [7])
        let unit = TrialPlan(sweep).units[1]
        #expect(sweep.trialOptions(for: unit) == [
            "batchnorm": [], "dataset": ["digits"], "early_stop": ["20"], "wd": ["0.001"], "seed": ["7"],
        ])
        #expect(sweep.commandWords(setting: unit.setting, seed: unit.seed) == [
            "--batchnorm", "--dataset", "digits", "--early-stop", "20", "--wd", "0.001", "--seed", "7",
        ])
    }

    @Test func aTrialSetupAppliesItsSettingThroughTheTable() throws {
        let sweep = try definition([
            SweepOptionInput("wd", "0,1e-3"), SweepOptionInput("dataset", "digits"), SweepOptionInput("early-stop", "20"),
            SweepOptionInput("batchnorm", nil), SweepOptionInput("hidden", "32|16,16"),
        ], seeds: [7])
        let setups = try TrialPlan(sweep).units.map { try sweep.setup(for: $0) }
        #expect(setups.map(\.configuration.hiddenSizes) == [[32], [32], [16, 16], [16, 16]])
        #expect(setups.map(\.configuration.weightDecay) == [0, 1e-3, 0, 1e-3])
        #expect(setups.allSatisfy { $0.configuration.normalization == .batchnorm && $0.configuration.seed == 7 })
        #expect(setups.allSatisfy { $0.configuration.earlyStopping?.patience == 20 && $0.data.dataset == "digits" })
    }

    @Test func anotherDatasetReplacesOnlyTheFixedDataset() throws {
        let sweep = try definition([SweepOptionInput("wd", "0,1e-3"), SweepOptionInput("dataset", "digits-small.csv"), SweepOptionInput("epochs", "9")])
        let retuned = try sweep.onDataset("digits-v2.csv")
        #expect(retuned.configuration.fixed == ["dataset": .text("digits-v2.csv"), "epochs": .number(9)])
        #expect(TrialPlan(retuned).trials == TrialPlan(sweep).trials)
    }

    @Test func resumeSkipsFinishedAndPrunedAndRerunsTheRest() throws {
        let plan = TrialPlan(try definition([SweepOptionInput("wd", "0,1,2,3,4,5")], seeds: [0, 1]))
        func record(_ id: RunID, _ trial: Int, _ seed: Int64, _ status: RunStatus) -> SweepRunRecord {
            SweepRunRecord(runID: id, trial: trial, seed: seed, fold: nil, status: status)
        }
        let runs = [
            record(1, 0, 0, .finished), record(2, 0, 1, .pruned), record(3, 1, 0, .killed), record(4, 1, 1, .crashed),
            record(5, 2, 0, .failed), record(6, 2, 0, .finished), record(7, 3, 1, .running),
        ]
        let resume = ResumePlan(plan: plan, runs: runs)
        #expect(resume.done.map { [$0.trial, Int($0.seed)] } == [[0, 0], [0, 1], [2, 0]])
        #expect(resume.inProgress.map { [$0.trial, Int($0.seed)] } == [[3, 1]])
        #expect(resume.toRun.count == 12 - 4)
        #expect(resume.toRun.prefix(3).map { [$0.trial, Int($0.seed)] } == [[1, 0], [1, 1], [2, 1]])
    }
}
