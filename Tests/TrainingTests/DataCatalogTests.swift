import Foundation
import Testing
@testable import Training

@Suite struct DataCatalogTests {
    @Test func unknownNamesListTheValidOnes() throws {
        let failure = DataError.unknownDataset(name: "mnist", valid: ["sine", "moons", "spirals", "digits"])
        #expect(throws: failure) { try DataCatalog.load(name: "mnist") }
        #expect(failure.description == "unknown dataset 'mnist': use one of sine, moons, spirals, digits or a path ending in .csv")
    }

    @Test func builtInSetsLoadByName() throws {
        #expect(try DataCatalog.load(name: "sine").rows == 300)
        #expect(try DataCatalog.load(name: "moons").classCounts == [250, 250])
        #expect(try DataCatalog.load(name: "spirals").classCounts == [200, 200, 200])
        #expect(try DataCatalog.load(name: "digits").rows == 1797)
    }

    @Test func noiseChangesGeneratedDataAndIsCheckedForTheRest() throws {
        let quiet = try DataCatalog.load(name: "moons", options: DataOptions(seed: 0, noise: 0.05))
        let loud = try DataCatalog.load(name: "moons", options: DataOptions(seed: 0, noise: 0.4))
        #expect(quiet.features != loud.features)
        #expect(quiet.contentForFingerprint != loud.contentForFingerprint)
        #expect(try DataCatalog.load(name: "sine", options: DataOptions(noise: 0.3)).features == DataCatalog.load(name: "sine").features)
        #expect(throws: DataError.invalidOption(keys: ["data_noise"], value: "-1.0", expected: "a standard deviation of at least 0 (e.g. 0.3)")) {
            try DataCatalog.load(name: "sine", options: DataOptions(noise: -1))
        }
        #expect(throws: DataError.optionNotApplicable(key: "data_noise", dataset: "digits", reason: "only the generated sets sine, moons and spirals have a noise level")) {
            try DataCatalog.load(name: "digits", options: DataOptions(noise: 0.1))
        }
    }

    @Test func aTargetIsOnlyForCSVFiles() {
        #expect(throws: DataError.self) { try DataCatalog.load(name: "digits", target: "label") }
    }

    @Test func fingerprintIgnoresNameAndSourceButNotValues() throws {
        var renamed = try DataCatalog.load(name: "spirals", options: DataOptions(seed: 1))
        let original = renamed.contentForFingerprint
        renamed.name = "my spirals"
        renamed.source = "elsewhere"
        #expect(renamed.contentForFingerprint == original)
        #expect(try DataCatalog.load(name: "spirals", options: DataOptions(seed: 2)).contentForFingerprint != original)
    }
}

@Suite struct DataRequestTests {
    func temporaryCSVs(_ files: [String: String]) throws -> (directory: URL, paths: [String: String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tracker-request-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            paths[name] = url.path
        }
        return (directory, paths)
    }

    @Test func oneCallLoadsSplitsAndReportsWhatToRegister() throws {
        let loaded = try DataCatalog.prepare(DataRequest(dataset: "digits", splitSeed: 3, testFraction: 0.25))
        #expect(loaded.raw.rows == 1797)
        #expect(loaded.prepared.test.rows == 449)
        #expect(loaded.prepared.validation.rows == 359)
        #expect(loaded.validationFile == nil && loaded.testFile == nil)
    }

    @Test func aSubsetIsASmallerVersionUnderTheSameName() throws {
        let small = try DataCatalog.prepare(DataRequest(dataset: "digits", subsetFraction: 0.2))
        let full = try DataCatalog.prepare(DataRequest(dataset: "digits"))
        #expect(small.raw.name == full.raw.name)
        #expect(small.raw.rows == 359 && full.raw.rows == 1797)
        #expect(small.raw.contentForFingerprint != full.raw.contentForFingerprint)
        #expect(small.prepared.train.rows + small.prepared.validation.rows + small.prepared.test.rows == 359)
        let again = try DataCatalog.prepare(DataRequest(dataset: "digits", subsetFraction: 0.2))
        #expect(again.raw.contentForFingerprint == small.raw.contentForFingerprint)
    }

    @Test func dataSeedChangesValuesSplitSeedOnlyTheSplit() throws {
        let base = try DataCatalog.prepare(DataRequest(dataset: "moons", dataSeed: 1, splitSeed: 1))
        let otherSplit = try DataCatalog.prepare(DataRequest(dataset: "moons", dataSeed: 1, splitSeed: 2))
        let otherData = try DataCatalog.prepare(DataRequest(dataset: "moons", dataSeed: 2, splitSeed: 1))
        #expect(base.raw.contentForFingerprint == otherSplit.raw.contentForFingerprint)
        #expect(base.prepared.test != otherSplit.prepared.test)
        #expect(base.raw.contentForFingerprint != otherData.raw.contentForFingerprint)
    }

    @Test func separateFilesAreReadAgainstTheTrainingFile() throws {
        let (directory, paths) = try temporaryCSVs([
            "train.csv": "a,b,label\n1,2,x\n2,3,y\n3,4,x\n4,5,y\n5,6,x\n",
            "val.csv": "a,b,label\n9,9,y\n",
            "test.csv": "a,b,label\n0,0,x\n1,1,y\n",
            "other.csv": "a,c,label\n9,9,y\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try DataCatalog.prepare(DataRequest(
            dataset: paths["train.csv"]!, target: "label", validationDataPath: paths["val.csv"], testDataPath: paths["test.csv"]
        ))
        #expect((loaded.prepared.train.rows, loaded.prepared.validation.rows, loaded.prepared.test.rows) == (5, 1, 2))
        #expect(loaded.prepared.test.targets == [0, 1])
        #expect(loaded.testFile?.contentForFingerprint == Array("a,b,label\n0,0,x\n1,1,y\n".utf8))

        #expect(throws: DataError.columnsDiffer(file: paths["other.csv"]!, reference: paths["train.csv"]!, expected: ["a", "b", "label"], found: ["a", "c", "label"])) {
            try DataCatalog.prepare(DataRequest(dataset: paths["train.csv"]!, target: "label", validationDataPath: paths["other.csv"]))
        }

        let folds = try DataCatalog.folds(DataRequest(dataset: paths["train.csv"]!, target: "label", testDataPath: paths["test.csv"]), k: 5)
        #expect(folds.folds.count == 5)
        #expect(folds.folds.allSatisfy { $0.test.rows == 2 && $0.validation.rows == 1 && $0.train.rows == 4 })
        #expect(throws: DataError.self) {
            try DataCatalog.folds(DataRequest(dataset: paths["train.csv"]!, target: "label", validationDataPath: paths["val.csv"]), k: 2)
        }
    }
}

@Suite("OptionText: engine messages carry option keys, the caller writes them")
struct OptionTextTests {
    @Test func optionsInAMessageAreWrittenByTheCallersRenderer() {
        let key = "val_split"
        let text: OptionText = "set \(option: key) above \(0.1)"
        #expect(text.rendered(flag: { "<\($0)>" }) == "set <\(key)> above 0.1")
        #expect(text.description == "set --val-split above 0.1")
        #expect((text + "; or not").rendered(flag: { $0 }) == "set \(key) above 0.1; or not")
    }

    @Test func aConfigurationErrorWritesBothItsKeyAndTheOptionsItMentions() {
        let error = ConfigurationError(key: "monitor", problem: "val_loss needs a validation split; set \(option: "val_split") above 0")
        #expect(error.message(flag: { $0.uppercased() }) == "MONITOR: val_loss needs a validation split; set VAL_SPLIT above 0")
        #expect(error.message == "--monitor: val_loss needs a validation split; set --val-split above 0")
    }

    @Test func aBuiltInSetRefusesATargetNamingTheKeyNotAFlag() throws {
        let request = DataRequest(dataset: "moons", target: "label")
        do {
            _ = try DataCatalog.prepare(request)
            Issue.record("a target on a built-in set was accepted")
        } catch let error as DataError {
            guard case .optionNotApplicable(let key, _, _, let reason) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(key == "target")
            #expect(reason.rendered(flag: { "[\($0)]" }).contains("[target] is for CSV files"))
            #expect(error.description(flag: { "-\($0)-" }).contains("-target- is for CSV files"))
        }
    }
}
