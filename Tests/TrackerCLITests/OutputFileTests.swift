import Foundation
import Testing
@testable import TrackerCLI

/// `-o FILE` writes like a shell's `>`: in place, never by replacing the path.
@Suite struct OutputFileTests {
    @Test func writingThroughASymlinkKeepsTheLinkAndFillsItsTarget() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let target = directory.path("target.csv")
        let link = directory.path("link.csv")
        try Data("old contents that are longer\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        try OutputFile.write(Array("new\n".utf8), to: link, sparing: directory.path("tracker.db"))

        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n", "truncated, then written")
    }

    @Test func aMissingDirectoryIsAClearError() throws {
        let error = #expect(throws: CommandFailure.self) {
            try OutputFile.write([1, 2, 3], to: "/nonexistent-directory-for-tracker-tests/out.ckpt", sparing: "tracker.db")
        }
        #expect("\(error!)".contains("No such file or directory"))
    }
}
