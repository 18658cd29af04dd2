import Testing
@testable import TrackerStore

@Suite("Data set versions")
struct DatasetTests {
    func spec(_ name: String, content: String, rows: Int = 100) -> DatasetSpec {
        DatasetSpec(name: name, fingerprint: SHA256.hex(of: Array(content.utf8)), rows: rows, features: 8,
                    task: .regression, target: "y", source: "\(name).csv")
    }

    @Test(arguments: TestBackend.all) func sameContentIsTheSameVersionAndNewContentTheNext(backend: TestBackend) throws {
        let store = try backend.store()
        let (v1, new1) = try store.registerDataset(spec("houses", content: "a"))
        let (again, newAgain) = try store.registerDataset(spec("houses", content: "a"))
        let (v2, new2) = try store.registerDataset(spec("houses", content: "a+b", rows: 150))
        let (other, _) = try store.registerDataset(spec("digits", content: "a"))
        #expect(new1 && !newAgain && new2)
        #expect(again == v1)
        #expect([v1.version, v2.version, other.version] == [1, 2, 1])
        #expect(try store.latestDataset(named: "houses") == v2)
        #expect(try store.datasetVersions(named: "houses").map(\.rows) == [100, 150])
        #expect(try store.latestDataset(named: "nothing") == nil)
        // Going back to old content finds the old version, not a third one.
        #expect(try store.registerDataset(spec("houses", content: "a")).dataset.version == 1)
    }

    @Test(arguments: TestBackend.all) func badFingerprintsAndNamesAreRefused(backend: TestBackend) throws {
        let store = try backend.store()
        var bad = spec("houses", content: "a")
        bad.fingerprint = "abc"
        let error = #expect(throws: StoreError.self) { try store.registerDataset(bad) }
        #expect(error?.description.contains("SHA256.hex") == true)
        #expect(throws: StoreError.self) { try store.registerDataset(spec("", content: "a")) }
        #expect(try store.count("datasets") == 0)
    }

    @Test(arguments: TestBackend.all) func theTargetAndTaskArePartOfAVersion(backend: TestBackend) throws {
        let store = try backend.store()
        let regression = try store.registerDataset(spec("wine", content: "w")).dataset
        var classification = spec("wine", content: "w")
        classification.target = "cls"
        classification.task = .classification
        classification.classes = 3
        let (other, isNew) = try store.registerDataset(classification)
        #expect(isNew && other.id != regression.id && other.version == 2)
        #expect(try store.latestDataset(like: regression) == regression, "the newest version of the same target and task")
        #expect(try store.registerDataset(spec("wine", content: "w")).dataset == regression)
    }

    @Test(arguments: TestBackend.all) func anotherFileOfTheSameBaseNameIsNoVersionUnlessNamedSo(backend: TestBackend) throws {
        let store = try backend.store()
        var first = spec("wine", content: "red")
        first.source = "/data/red/wine.csv"
        try store.registerDataset(first)
        var unrelated = spec("wine", content: "white")
        unrelated.source = "/data/white/wine.csv"
        let error = #expect(throws: StoreError.self) { try store.registerDataset(unrelated) }
        #expect(error?.description.contains("/data/red/wine.csv") == true)
        #expect(error?.description.contains("--dataset-name") == true)
        // The same file with new content is its next version...
        var grown = spec("wine", content: "red+more")
        grown.source = "/data/red/wine.csv"
        #expect(try store.registerDataset(grown).dataset.version == 2)
        // ...and the other file joins only when named so.
        unrelated.explicitlyNamed = true
        #expect(try store.registerDataset(unrelated).dataset.version == 3)
    }
}
