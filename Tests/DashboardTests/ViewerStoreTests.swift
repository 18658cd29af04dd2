import Foundation
import Testing
import TrackerStore

/// The dashboard's store: opened read-only, it writes nothing at all.
@Suite struct ViewerStoreTests {
    @Test func aViewerMarksNoCrashAndCannotWrite() throws {
        let fixture = try DashboardFixture()
        let writer = try fixture.openStore()
        let run = try writer.createRun(RunSpec(name: "gone"))
        // A pid no process can have: an ordinary open would mark the run crashed.
        try writer.database.execute("UPDATE runs SET pid = ? WHERE id = ?", Int64(Int32.max) + 1, run.id)
        writer.close()

        let viewer = try Store(path: fixture.path, options: .viewer)
        defer { viewer.close() }
        #expect(try viewer.run(id: run.id).status == .running)
        #expect(throws: (any Error).self) { try viewer.setNotes(run.id, "no") }
        let count = try viewer.read { try viewer.runs().count }
        #expect(count == 1)
        // An ordinary open still detects it.
        let opener = try fixture.openStore()
        defer { opener.close() }
        #expect(try opener.run(id: run.id).status == .crashed)
    }

    @Test func aViewerRefusesAMissingSchemaInsteadOfMigrating() throws {
        let fixture = try DashboardFixture()
        #expect(FileManager.default.createFile(atPath: fixture.path, contents: Data()))
        #expect {
            try Store(path: fixture.path, options: .viewer)
        } throws: { error in
            "\(error)".contains("read-only viewers do not migrate")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.path)).isEmpty)
    }
}
