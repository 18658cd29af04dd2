import Testing
import TrackerStore
@testable import TrackerCLI
import Sweeps

@Suite("Sweep options: from a command line to a sweep definition")
struct SweepOptionsTests {
    /// A few options shaped like `tracker train`'s: typed, with choices, defaults, a flag, a repeatable one.
    private static let trainLike: [OptionSpec] = [
        OptionSpec("dataset", valueName: "name", help: "Data."),
        OptionSpec("wd", valueName: "decay", help: "Weight decay.", defaultValue: "0"),
        OptionSpec("dropout", valueName: "rate", help: "Dropout."),
        OptionSpec("optimizer", valueName: "optimizer", help: "Optimizer.", defaultValue: "adam", choices: ["adam", "adamw", "sgd"]),
        OptionSpec("batch-size", valueName: "rows", help: "Batch.", defaultValue: "32"),
        OptionSpec("seed", valueName: "seed", help: "Seed."),
        OptionSpec("tag", valueName: "tag", help: "Tags.", isRepeatable: true),
        .flag("batchnorm", help: "Batch norm."),
    ]

    private func parse(_ words: [String]) throws -> (ParsedArguments, [OptionSpec]) {
        let train = SweepOptions.sweepable(Self.trainLike)
        let spec = CommandSpec(name: "sweep", abstract: "Test.", options: SweepOptions.all + train)
        guard case .arguments(let parsed) = try ArgumentParser.parse(words, for: spec) else {
            throw SweepDefinitionError("help requested")
        }
        return (parsed, train)
    }

    @Test func sweepableOptionsTakeFreeTextAndLeaveDefaultsToTrain() {
        let names = SweepOptions.sweepable(Self.trainLike).map(\.name)
        #expect(names == ["dataset", "wd", "dropout", "optimizer", "batch-size", "batchnorm"])
        #expect(SweepOptions.sweepable(Self.trainLike).allSatisfy { $0.defaultValue == nil && $0.choices == nil })
    }

    @Test func aCommandLineBecomesTheDefinition() throws {
        let (arguments, train) = try parse([
            "--dataset", "digits", "--wd", "0,1e-4,1e-3", "--optimizer", "adam,adamw", "--batchnorm",
            "--seeds", "0,1,2", "--folds", "5", "--prune", "median",
        ])
        let definition = try SweepOptions.definition(arguments, trainOptions: train)
        #expect(definition.space.names == ["optimizer", "wd"])
        #expect(definition.configuration.fixed == ["dataset": .text("digits"), "batchnorm": .flag])
        #expect(definition.configuration.seeds == [0, 1, 2] && definition.configuration.folds == 5)
        #expect(definition.configuration.prune == .defaultMedian && definition.configuration.method == .grid)
        #expect(TrialPlan(definition).units.count == 2 * 3 * 3 * 5)
        #expect(try SweepOptions.objective(arguments) == ("val_loss", .min))
    }

    @Test func randomSearchNeedsTrialsAndSaysSo() throws {
        let (arguments, train) = try parse(["--wd", "1e-5:1e-1:log", "--method", "random"])
        #expect(throws: UsageError.invalid("--method random needs --trials N (N >= 1), e.g. --trials 20")) {
            try SweepOptions.definition(arguments, trainOptions: train)
        }
        let (withTrials, _) = try parse(["--wd", "1e-5:1e-1:log", "--method", "random", "--trials", "6", "--sampler-seed", "4"])
        let definition = try SweepOptions.definition(withTrials, trainOptions: train)
        #expect(TrialPlan(definition).trials.count == 6 && definition.configuration.samplerSeed == 4)
    }

    @Test func badSweepValuesAreUsageErrors() throws {
        let (arguments, train) = try parse(["--wd", "1e-1:1e-5:log"])
        let error = #expect(throws: UsageError.self) { try SweepOptions.definition(arguments, trainOptions: train) }
        #expect(error?.description.contains("LOW < HIGH") == true)
        let (seeds, _) = try parse(["--wd", "0,1", "--seeds", "0,x"])
        #expect(throws: UsageError.self) { try SweepOptions.definition(seeds, trainOptions: train) }
    }
}
