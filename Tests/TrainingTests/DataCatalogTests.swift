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
        #expect(throws: DataError.invalidOption(name: "--noise", value: "-1.0", expected: "a standard deviation of at least 0 (e.g. 0.3)")) {
            try DataCatalog.load(name: "sine", options: DataOptions(noise: -1))
        }
        #expect(throws: DataError.optionNotApplicable(option: "--noise", dataset: "digits", reason: "only the generated sets sine, moons and spirals have a noise level")) {
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
