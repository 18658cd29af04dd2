import Foundation
import Testing
@testable import TrackerCLI

/// Sizes that overflow or would not fit in memory are refused before any
/// file or run is created.
@Suite struct TrainSizeLimitTests {
    @Test(arguments: ["9999999999,9999999999", "100000,100000"])
    func hugeHiddenLayersAreAClearErrorAndCreateNoRun(hidden: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("t.db")
        let result = runCLI(["train", "--dataset", "digits", "--hidden", hidden, "--epochs", "1", "--db", db])
        #expect(result.exitCode == 64)
        #expect(result.stderr.contains("--hidden") && result.stderr.contains("use smaller layers"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db), "nothing was created")
    }
}
