import Foundation
import PostgreSQL
import PostgresTestSupport
import SQLite
import Testing
import TrackerStore
@testable import PostgresSchema

/// The README's SQL examples run unchanged on PostgreSQL and return the
/// rows they return on SQLite, over the same data: a fixture recorded
/// through the SQLite store, then copied row by row into the PostgreSQL
/// schema (as `tracker push` will copy a laptop's runs).
@Suite("README SQL examples on PostgreSQL", .enabled(if: TestServer.shouldRun, Comment(rawValue: TestServer.howToStart)))
struct ReadmeQueryParityTests {
    let schema: TestSchema
    let sqlite: Store

    init() throws {
        schema = try TestSchema()
        try PostgresMigrator().migrate(schema.connection)
        sqlite = try Self.fixture()
        try copy(from: sqlite.database.sqlite!, to: schema.connection)
    }

    /// Two versions of "digits"; four weight decays and three batch sizes;
    /// smaller decay overfits sooner. One run crashed. Names are given, so
    /// nothing here is random.
    static func fixture() throws -> Store {
        let store = try Store.inMemory()
        let versions = try ["digits v1", "digits v2"].map {
            try store.registerDataset(DatasetSpec(
                name: "digits", fingerprint: SHA256.hex(of: Array($0.utf8)), rows: 1797, features: 64,
                task: .classification, classes: 10, target: "digit", source: "builtin:digits")).dataset
        }
        let decays = [0, 1e-4, 1e-3, 1e-2]
        let batchSizes = [8, 32, 128, 256]
        let bestEpochs = [6, 10, 20, 20]
        let bestLosses = [[0.50, 0.42, 0.35, 0.40], [0.45, 0.33, 0.36, 0.41]]
        for (versionIndex, dataset) in versions.enumerated() {
            for (index, wd) in decays.enumerated() {
                let name = versionIndex == 0 && index == 0 ? "brave-otter-17" : "run-\(versionIndex + 1)-\(index)"
                let run = try store.createRun(RunSpec(
                    name: name, datasetID: dataset.id,
                    params: ["wd": .real(wd), "dropout": .real(0), "optimizer": .text("adamw"),
                             "batch_size": .integer(Int64(batchSizes[index]))]))
                let best = bestLosses[versionIndex][index]
                for step in 1...20 {
                    let distance = Double(step - bestEpochs[index])
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

    /// Every row of the tables the fixture fills, parents first. metric_keys
    /// is not copied: the migrations give both databases the same keys
    /// (SchemaParityTests), and the fixture logs only standard ones.
    static let copiedTables = ["datasets", "sweeps", "runs", "run_tags", "params", "metrics", "run_summary"]

    private func copy(from database: Database, to connection: PostgresConnection) throws {
        try connection.transaction {
            for table in Self.copiedTables {
                let columns = try database.rows("SELECT name FROM pragma_table_info(?) ORDER BY cid", table) {
                    try $0.column(0, as: String.self)
                }
                let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
                // Table and column names come from the schema, not from data.
                let insert = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))"
                let rows = try database.rows("SELECT * FROM \(table)") { row in
                    (0..<row.columnCount).map { row.value(at: Int32($0)) }
                }
                for row in rows {
                    _ = try connection.query(insert, try RowCopy.postgresValues(table: table, columns: columns, row: row))
                }
            }
        }
    }

    private func sqliteRows(_ query: String) throws -> [[ResultCell]] {
        try ResultCell.rows(of: query, in: sqlite.database.sqlite!)
    }

    private func postgresRows(_ query: String) throws -> [[ResultCell]] {
        try ResultCell.rows(of: query, in: schema.connection)
    }

    @Test func everyReadmeExampleReturnsTheSameRowsOnBoth() throws {
        let queries = try ReadmeQueries.all()
        #expect(queries.count >= 5, "the README promises at least five example queries")
        for (index, query) in queries.enumerated() {
            let expected = try sqliteRows(query)
            #expect(!expected.isEmpty, "README query \(index + 1) returns rows on the fixture")
            #expect(try postgresRows(query) == expected, "README query \(index + 1):\n\(query)")
        }
    }

    /// Params compare as numbers, integers and reals alike, and sort
    /// numerically (8 before 32 before 128, where text would sort "128" first).
    @Test func paramsCompareAndSortAsNumbers() throws {
        let queries = [
            "SELECT r.name, p.value FROM runs AS r JOIN params AS p ON p.run_id = r.id WHERE p.key = 'batch_size' AND p.value > 16 ORDER BY p.value, r.name",
            "SELECT p.value, count(*) FROM params AS p WHERE p.key = 'batch_size' AND 256 > p.value GROUP BY p.value ORDER BY p.value DESC",
            "SELECT count(*) FROM params WHERE key = 'wd' AND value = 0.001",
            "SELECT count(*) FROM params WHERE key = 'wd' AND value <> 0 AND value <= 1e-3",
            "SELECT name, wd, batch_size FROM run_overview WHERE batch_size IS NOT NULL ORDER BY batch_size, wd, name",
            // SQLite sorts NULL first, PostgreSQL last: saying which is portable.
            "SELECT name, batch_size FROM run_overview ORDER BY batch_size NULLS FIRST, name",
        ]
        for query in queries {
            let expected = try sqliteRows(query)
            #expect(!expected.isEmpty)
            #expect(try postgresRows(query) == expected, "\(query)")
        }
    }

    /// A text param is a JSON string on PostgreSQL: compared as one
    /// (`value = '"adamw"'`) or read as text (`value #>> '{}'`), the rows
    /// are SQLite's `value = 'adamw'`.
    @Test func textParamsAreJSONStrings() throws {
        let expected = try sqliteRows("SELECT run_id FROM params WHERE key = 'optimizer' AND value = 'adamw' ORDER BY run_id")
        #expect(!expected.isEmpty)
        #expect(try postgresRows("SELECT run_id FROM params WHERE key = 'optimizer' AND value = '\"adamw\"' ORDER BY run_id") == expected)
        #expect(try postgresRows("SELECT run_id FROM params WHERE key = 'optimizer' AND value #>> '{}' = 'adamw' ORDER BY run_id") == expected)
    }

    /// run_overview's duration_s goes through julianday(), which 0001 adds
    /// to PostgreSQL: the same seconds as SQLite's, from the same text times.
    @Test func durationsAreTheSameSeconds() throws {
        let query = "SELECT name, duration_s FROM run_overview ORDER BY name"
        let expected = try sqliteRows(query)
        #expect(expected.contains { $0[1] != .null })
        #expect(try postgresRows(query) == expected)
    }
}

/// The ```sql blocks of README.md's "Querying the database with SQL" section.
enum ReadmeQueries {
    static let heading = "## Querying the database with SQL"

    static func all() throws -> [String] {
        let readme = try RepositoryFiles.text("README.md")
        guard let start = readme.range(of: "\n" + heading + "\n") else { return [] }
        var section = readme[start.upperBound...]
        if let next = section.range(of: "\n## ") { section = section[..<next.lowerBound] }
        var queries: [String] = []
        var current: [Substring]?
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```sql" {
                current = []
            } else if let lines = current, trimmed == "```" {
                queries.append(lines.joined(separator: "\n"))
                current = nil
            } else if current != nil {
                current?.append(line)
            }
        }
        return queries
    }
}
