import Foundation
import SQLite
import Testing
@testable import TrackerStore

/// Every ```sql block of README.md's "Querying the database with SQL" section
/// runs against a fixture database and returns exactly the rows promised here.
@Suite("README SQL examples")
struct ReadmeQueryTests {
    static let heading = "## Querying the database with SQL"

    static func queries() throws -> [String] {
        let readme = try RepositoryFiles.text("README.md")
        guard let start = readme.range(of: "\n" + heading + "\n") else { return [] }
        var section = readme[start.upperBound...]
        if let next = section.range(of: "\n## ") { section = section[..<next.lowerBound] }
        var queries: [String] = []
        var current: [Substring]?
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```sql" {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                queries.append(current!.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return queries
    }

    /// Two versions of "digits"; four weight decays on each. Smaller decay
    /// overfits sooner: val_loss bottoms out early and then rises.
    static func fixture() throws -> Store {
        let store = try TestBackend.sqlite.store(seed: 5)
        let versions = try ["digits v1", "digits v2"].map {
            try store.registerDataset(DatasetSpec(
                name: "digits", fingerprint: SHA256.hex(of: Array($0.utf8)), rows: 1797, features: 64,
                task: .classification, classes: 10, target: "digit", source: "builtin:digits")).dataset
        }
        let decays = [0, 1e-4, 1e-3, 1e-2]
        let bestEpochs = [6, 10, 20, 20]
        let bestLosses = [[0.50, 0.42, 0.35, 0.40], [0.45, 0.33, 0.36, 0.41]]
        for (versionIndex, dataset) in versions.enumerated() {
            for (index, wd) in decays.enumerated() {
                let name = versionIndex == 0 && index == 0 ? "brave-otter-17" : nil
                let run = try store.createRun(RunSpec(
                    name: name, datasetID: dataset.id,
                    params: ["wd": .real(wd), "dropout": .real(0), "optimizer": .text("adamw")]))
                let best = bestLosses[versionIndex][index]
                for step in 1...20 {
                    let distance = Double(step - bestEpochs[index])
                    // No dropout or noise: the eval-mode train loss equals the training-mode one.
                    try store.logMetrics(run.id, step: step, [
                        "train_loss": 0.6 / Double(step) + 10 * wd, "train_eval_loss": 0.6 / Double(step) + 10 * wd,
                        "val_loss": best + 0.01 * distance * distance,
                    ])
                }
                try store.logMetrics(run.id, step: 20, ["test_loss": best + 0.02])
                try store.finishRun(run.id, stopReason: .completed, bestStep: bestEpochs[index])
            }
        }
        let crashed = try store.createRun(RunSpec(name: "quiet-heron-3", datasetID: versions[1].id, params: ["wd": .real(0.1)]))
        for step in 1...3 { try store.logMetrics(crashed.id, step: step, ["train_loss": 1, "val_loss": 1]) }
        try store.database.execute("UPDATE runs SET status = 'crashed', stop_reason = 'crashed' WHERE id = ?", crashed.id)
        return store
    }

    /// What each query must return, rows rendered as "a|b|c", in README order.
    /// `name` gives the fixture's generated run names by creation order
    /// (seeded, so stable).
    static func expected(name: (Int) -> String) -> [[String]] { [
        ["digits|1|0.001|0.35|20", "digits|2|0.0001|0.33|10"],
        ["brave-otter-17|0.0|6|20|0.5|2.46", "\(name(4))|0.0|6|20|0.45|2.41",
         "\(name(1))|0.0001|10|20|0.42|1.42", "\(name(5))|0.0001|10|20|0.33|1.33"],
        ["0.0|2|0.375|0.495", "0.0001|2|0.314|0.395", "0.001|2|0.315|0.375", "0.01|2|0.275|0.425"],
        ["1|0.6|0.75", "2|0.3|0.66", "3|0.2|0.59"],
        ["\(name(2))|0.001|1", "\(name(3))|0.01|1", "\(name(6))|0.001|2", "\(name(7))|0.01|2", "quiet-heron-3|0.1|2"],
        ["quiet-heron-3|crashed|crashed|3"],
    ] }

    @Test func everyExampleRunsAndReturnsWhatItPromises() throws {
        let store = try Self.fixture()
        let names = try store.database.rows("SELECT name FROM runs ORDER BY id") { try $0.column(0, as: String.self) }
        let expected = Self.expected { names[$0] }
        let queries = try Self.queries()
        #expect(queries.count >= 5, "the README promises at least five example queries")
        #expect(queries.count == expected.count, "add the expected rows of a new README query here")
        for (index, query) in queries.enumerated() where index < expected.count {
            let statement = try store.database.prepare(query)
            let rows = try statement.rows { row in
                try (0..<row.columnCount).map { try row.value(at: $0).description }.joined(separator: "|")
            }
            #expect(rows == expected[index], "README query \(index + 1):\n\(query)")
        }
    }
}
