import Foundation
import Testing
@testable import TrackerCLI

/// Regression is reported in the target's units too: RMSE and R2 beside the MSE.
@Suite struct RegressionMetricsTests {
    @Test func rmseAndR2AreShownBesideTheMSE() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let db = directory.path("r.db")
        let train = trainInProcess(["--dataset", "sine", "--epochs", "20", "--seed", "1", "--name", "s", "--db", db])
        #expect(train.exitCode == 0, "\(train.stderr)")
        #expect(train.stdout.contains("rmse") && train.stdout.contains("r2"), "\(train.stdout)")

        let compare = runCLI(["compare", "--db", db, "--format", "json"])
        let row = try #require((try JSONSerialization.jsonObject(with: Data(compare.stdout.utf8)) as? [[String: Any]])?.first)
        let mse = try #require(row["test_loss"] as? Double)
        let rmse = try #require(row["test_rmse"] as? Double)
        #expect(row["val_rmse"] is Double && row["val_r2"] is Double && row["test_r2"] is Double)
        // The loss is the mean squared error of standardized targets; RMSE is in the target's units.
        #expect(rmse > 0 && mse > 0)
        let show = runCLI(["show", "--db", db, "s"])
        #expect(show.stdout.contains("test_rmse") && show.stdout.contains("val_r2"))
    }
}
