import Testing
@testable import TrackerStore

@Suite("Sweep records and lineage")
struct SweepTests {
    @Test(arguments: TestBackend.all) func createGetStatusAndLineage(backend: TestBackend) throws {
        let store = try backend.store()
        let root = try store.createSweep(SweepSpec(space: #"{"wd": [0, 0.001, 0.01]}"#))
        #expect(root.name == "sweep-1")
        #expect(root.status == .running && root.objective == "val_loss" && root.direction == .min)
        let child = try store.createSweep(SweepSpec(
            name: "retune", method: .random, space: #"{"wd": [0.001]}"#, config: #"{"trials": 8}"#,
            objective: "val_acc", direction: .max, parentSweepID: root.id))
        let grandchild = try store.createSweep(SweepSpec(space: "{}", parentSweepID: child.id))
        try store.setSweepStatus(root.id, .finished)
        #expect(try store.sweep(id: root.id).status == .finished)
        #expect(try store.sweep(id: root.id).endedAt != nil)
        #expect(try store.sweep(named: "retune") == child)
        #expect(try store.childSweeps(of: root.id).map(\.id) == [child.id])
        #expect(try store.sweepLineage(of: grandchild.id).map(\.id) == [root.id, child.id, grandchild.id])
        #expect(try store.sweepLineage(of: root.id).map(\.id) == [root.id])
        #expect(try store.sweeps().map(\.id) == [grandchild.id, child.id, root.id])
    }

    @Test(arguments: TestBackend.all) func invalidInputIsRefusedClearly(backend: TestBackend) throws {
        let store = try backend.store()
        let json = #expect(throws: StoreError.self) { try store.createSweep(SweepSpec(space: "{wd: [")) }
        #expect(json?.description.contains("not valid JSON") == true)
        #expect(throws: StoreError.self) { try store.createSweep(SweepSpec(space: "{}", parentSweepID: 99)) }
        try store.createSweep(SweepSpec(name: "a", space: "{}"))
        #expect(throws: StoreError.self) { try store.createSweep(SweepSpec(name: "a", space: "{}")) }
        #expect(throws: StoreError.self) { try store.sweepLineage(of: 42) }
        #expect(try store.count("sweeps") == 1)
    }
}
