import Testing
import EngineRecording

@Suite("Hyperparameters: one table for specs, parsing, params and errors")
struct HyperparameterTableTests {
    @Test func keysAndFlagsAreUniqueAndFlagsAreTheKeysWithDashes() {
        let keys = Hyperparameters.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        for entry in Hyperparameters.all {
            #expect(entry.flag == entry.key.replacingOccurrences(of: "_", with: "-"), "\(entry.key) has an undocumented flag")
            #expect(Hyperparameters.forFlag("--" + entry.flag)?.key == entry.key)
            #expect(Hyperparameters.displayFlag(entry.key) == "--" + entry.flag)
        }
        // A key outside the table (a param logged by `tracker exec`) gets the derived spelling.
        #expect(Hyperparameters.displayFlag("my_param") == "--my-param")
    }

    @Test func theTablesDefaultsAreTheEnginesDefaults() throws {
        let setup = try TrainingSetup(["dataset": ["digits"]])
        #expect(setup.configuration == TrainingConfiguration())
        #expect(setup.data == DataRequest(dataset: "digits"))
        #expect(setup.name == nil && setup.tags.isEmpty && !setup.quiet)
    }

    @Test func everyDefaultIsAcceptedByItsOwnEntry() throws {
        for entry in Hyperparameters.all {
            guard let standard = entry.defaultText else { continue }
            var setup = TrainingSetup()
            try entry.apply(&setup, standard)
        }
    }

    @Test func givenTextsReachTheConfigurationAndTheParams() throws {
        let setup = try TrainingSetup([
            "dataset": ["sine"], "hidden": ["16,8"], "batch_size": ["full"], "optimizer": ["momentum"], "momentum": ["0.8"],
            "dropout": ["0.2,0.5"], "early_stop": ["20"], "monitor": ["val_loss"], "min_delta": ["0.01"], "layernorm": [],
            "tag": ["a", "b"], "seed": ["5"], "data_noise": ["0.1"], "clip": ["1"],
        ])
        #expect(setup.configuration.hiddenSizes == [16, 8])
        #expect(setup.configuration.normalization == .layernorm)
        #expect(setup.configuration.earlyStopping == EarlyStopping(patience: 20, monitor: .valLoss, minDelta: 0.01))
        #expect(setup.tags == ["a", "b"])
        let params = setup.params
        #expect(params["hidden"] == .text("16,8"))
        #expect(params["batch_size"] == .text("full"))
        #expect(params["momentum"] == .real(0.8))
        #expect(params["dropout"] == .text("0.2,0.5"))
        #expect(params["early_stop"] == .integer(20))
        #expect(params["min_delta"] == .real(0.01))
        #expect(params["layernorm"] == .bool(true) && params["batchnorm"] == .bool(false))
        #expect(params["data_noise"] == .real(0.1))
        #expect(params["clip"] == .real(1))
        #expect(params["seed"] == .integer(5))
        // Labels are not params; nor are a subset and a data set name not given.
        #expect(params["tag"] == nil && params["name"] == nil && params["subset"] == nil && params["quiet"] == nil)
        #expect(params["dataset_name"] == nil)
    }

    @Test func aSubsetAndADatasetNameAreRecordedAsGiven() throws {
        let setup = try TrainingSetup(["dataset": ["wine.csv"], "dataset_name": ["wine"], "subset": ["0.25"], "data_seed": ["3"]])
        #expect(setup.datasetName == "wine" && setup.data.subsetFraction == 0.25)
        let params = setup.params
        #expect(params["dataset_name"] == .text("wine"))
        #expect(params["subset"] == .real(0.25) && params["data_seed"] == .integer(3))
        // All the rows are no subset: nothing to record.
        #expect(try TrainingSetup(["dataset": ["digits"], "subset": ["1"]]).params["subset"] == nil)
        let blank = #expect(throws: HyperparameterError.self) { try TrainingSetup(["dataset": ["digits"], "dataset_name": [" "]]) }
        #expect(blank?.description == "Invalid value ' ' for '--dataset-name': expected a non-empty name, e.g. wine.")
    }

    @Test func momentumAndEarlyStoppingDetailsAreRecordedOnlyWhereTheyAct() throws {
        let params = try TrainingSetup(["dataset": ["digits"]]).params
        #expect(params["momentum"] == nil && params["monitor"] == nil && params["min_delta"] == nil)
        #expect(params["early_stop"] == .integer(0) && params["dropout"] == .real(0))
    }

    @Test func errorsNameTheKeyAndRenderItsFlag() {
        let value = #expect(throws: HyperparameterError.self) { try TrainingSetup(["dataset": ["digits"], "input_dropout": ["1"]]) }
        #expect(value == .invalidValue(key: "input_dropout", value: "1", expected: "a number in [0, 1)"))
        #expect(value?.description == "Invalid value '1' for '--input-dropout': expected a number in [0, 1).")

        let norms = #expect(throws: HyperparameterError.self) { try TrainingSetup(["dataset": ["digits"], "batchnorm": [], "rmsnorm": []]) }
        #expect(norms?.description == "Give at most one of --batchnorm, --layernorm and --rmsnorm.")

        let stopping = #expect(throws: HyperparameterError.self) { try TrainingSetup(["dataset": ["digits"], "monitor": ["val_acc"]]) }
        #expect(stopping?.description
            == "--monitor and --min-delta configure early stopping; add --early-stop PATIENCE (e.g. --early-stop 20).")

        let unknown = #expect(throws: HyperparameterError.self) { try TrainingSetup(["dataset": ["digits"], "wdd": ["1"]]) }
        #expect(unknown == .unknown(key: "wdd"))
    }

    @Test func engineErrorsCarryKeysThatTheTableWritesAsFlags() throws {
        let data = #expect(throws: DataError.self) { try DataCatalog.prepare(DataRequest(dataset: "digits", noise: 0.1)) }
        #expect(data?.description(flag: Hyperparameters.displayFlag).hasPrefix("--data-noise does not apply to the 'digits' data set") == true)

        var configuration = TrainingConfiguration()
        configuration.labelSmoothing = 0.1
        let sine = try DataCatalog.prepare(DataRequest(dataset: "sine")).prepared
        let error = #expect(throws: ConfigurationError.self) { try configuration.validate(for: sine) }
        #expect(error?.key == "label_smoothing")
        #expect(error?.message(flag: Hyperparameters.displayFlag).hasPrefix("--label-smoothing: applies to classification only") == true)
    }
}

@Suite("DataRequest(recordedParams:): a run's data request read back through the table")
struct RecordedDataTests {
    @Test func recordedParamsReadBackAsTheRequestTheyWereRecordedFrom() throws {
        let given: [[String: [String]]] = [
            ["dataset": ["moons"], "data_noise": ["0.137"], "val_split": ["0.25"], "test_split": ["0.1"],
             "data_seed": ["7"], "split_seed": ["3"]],
            ["dataset": ["data.csv"], "target": ["label"], "val_data": ["v.csv"], "test_data": ["t.csv"]],
            ["dataset": ["sine"]],
        ]
        for texts in given {
            let setup = try TrainingSetup(texts)
            let readBack = try #require(try DataRequest(recordedParams: setup.params))
            #expect(readBack == setup.data)
        }
    }

    @Test func aRunWithoutADatasetHasNoRequestAndABadValueNamesItsKey() throws {
        #expect(try DataRequest(recordedParams: ["lr": .real(0.1)]) == nil)
        #expect(throws: HyperparameterError.self) {
            try DataRequest(recordedParams: ["dataset": .text("moons"), "val_split": .real(2)])
        }
        do {
            _ = try DataRequest(recordedParams: ["dataset": .text("moons"), "val_split": .real(2)])
        } catch {
            #expect(error.description.contains("--val-split"))
        }
    }
}
