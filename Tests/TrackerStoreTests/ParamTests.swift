import SQLite
import Testing
@testable import TrackerStore

@Suite("Params are stored with their types")
struct ParamTests {
    @Test(arguments: TestBackend.all) func eachKindIsStoredAsItsSQLiteType(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun(RunSpec(params: [
            "wd": .real(1e-3), "batch_size": .integer(32), "optimizer": .text("adamw"), "batch_norm": .bool(true),
        ]))
        let typeOf = backend == .sqlite ? "typeof(value)" : "jsonb_typeof(value)"
        let types = try store.database.rows("SELECT key, \(typeOf), value FROM params WHERE run_id = ? ORDER BY key", run.id) {
            "\(try $0.column(0, as: String.self)) \(try $0.column(1, as: String.self)) \(try $0.value(at: 2))"
        }
        // PostgreSQL's params are jsonb: numbers and strings, read back as SQLite's types.
        #expect(types == (backend == .sqlite
            ? ["batch_norm integer 1", "batch_size integer 32", "optimizer text adamw", "wd real 0.001"]
            : ["batch_norm number 1", "batch_size number 32", "optimizer string adamw", "wd number 0.001"]))
        #expect(try store.database.rows("SELECT value FROM params WHERE run_id = ? ORDER BY key", run.id) { try $0.value(at: 0) }
            == [.integer(1), .integer(32), .text("adamw"), .real(0.001)])
        // A bool reads back as the integer SQLite stores.
        #expect(try store.params(of: run.id)["batch_norm"] == .integer(1))
        // The REAL 0.001 compares as a number in plain SQL.
        #expect(try store.database.scalar("SELECT count(*) FROM params WHERE key = 'wd' AND value > 0.0005", as: Int.self) == 1)
    }

    @Test(arguments: TestBackend.all) func setParamsReplacesAndAdds(backend: TestBackend) throws {
        let store = try backend.store()
        let run = try store.createRun(RunSpec(params: ["wd": .real(0.1)]))
        try store.setParams(["wd": .real(0.2), "dropout": .real(0.5)], for: run.id)
        #expect(try store.params(of: run.id) == ["wd": .real(0.2), "dropout": .real(0.5)])
        #expect(throws: StoreError.self) { try store.setParams(["wd": .real(1)], for: 777) }
        #expect(throws: StoreError.self) { try store.setParams(["": .real(1)], for: run.id) }
    }

    @Test(arguments: [
        ("32", ParamValue.integer(32)), ("-4", .integer(-4)), ("1e-3", .real(0.001)), ("0.5", .real(0.5)),
        ("true", .bool(true)), ("false", .bool(false)), ("adamw", .text("adamw")), ("64,64", .text("64,64")),
        ("nan", .text("nan")), ("inf", .text("inf")),
    ])
    func commandLineTextIsParsedToTheNaturalType(text: String, expected: ParamValue) {
        #expect(ParamValue(parsing: text) == expected)
    }
}
