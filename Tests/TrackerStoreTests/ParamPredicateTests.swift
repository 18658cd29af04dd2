import Testing
@testable import TrackerStore

@Suite("Param predicates: parsing and evaluation in SQL")
struct ParamPredicateTests {
    @Test(arguments: [
        ("wd>=1e-3", "wd", ParamPredicate.Operator.greaterOrEqual, ParamValue.real(0.001)),
        ("wd <= 0.01", "wd", .lessOrEqual, .real(0.01)),
        ("batch_size=32", "batch_size", .equal, .integer(32)),
        ("batch_size==32", "batch_size", .equal, .integer(32)),
        ("optimizer != adamw", "optimizer", .notEqual, .text("adamw")),
        ("dropout>0", "dropout", .greater, .integer(0)),
        ("lr<1", "lr", .less, .integer(1)),
        ("hidden='64'", "hidden", .equal, .text("64")),
    ])
    func parses(text: String, key: String, op: ParamPredicate.Operator, value: ParamValue) throws {
        #expect(try ParamPredicate(parsing: text) == ParamPredicate(key: key, op: op, value: value))
    }

    @Test(arguments: ["wd", "wd>=", ">=1", "wd=>1", "wd<>1", "wd>=1>=2", "wd!1"])
    func badPredicatesSayWhatIsWrongAndHowToWriteOne(text: String) {
        let error = #expect(throws: StoreError.self) { try ParamPredicate(parsing: text) }
        #expect(error?.description.contains("e.g. 'wd>=1e-3'") == true, "\(String(describing: error))")
    }

    @Test func severalPredicatesAreAnded() throws {
        let predicates = try ParamPredicate.parseAll(["wd>=1e-3 and dropout=0.5", "optimizer=adamw"])
        #expect(predicates.map(\.description) == ["wd>=0.001", "dropout=0.5", "optimizer=adamw"])
    }

    /// A grid of runs; every operator is checked against the same condition
    /// evaluated in Swift.
    @Test(arguments: TestBackend.all) func filteringMatchesTheConditionEvaluatedInSwift(backend: TestBackend) throws {
        let store = try backend.store()
        let decays: [Double] = [0, 1e-4, 1e-3, 1e-2]
        let optimizers = ["sgd", "adamw"]
        var expected: [RunID: (wd: Double, optimizer: String, batch: Int64)] = [:]
        for (index, wd) in decays.enumerated() {
            for optimizer in optimizers {
                let batch = Int64(16 << index)
                let run = try store.createRun(RunSpec(params: [
                    "wd": wd == 0 ? .integer(0) : .real(wd), "optimizer": .text(optimizer), "batch_size": .integer(batch),
                ]))
                expected[run.id] = (wd, optimizer, batch)
            }
        }
        try store.createRun(RunSpec(params: ["lr": .real(0.1)]))            // no wd, no optimizer
        try store.createRun(RunSpec(params: ["wd": .text("high")]))         // text where a number is expected

        func check(_ text: String, _ condition: ((wd: Double, optimizer: String, batch: Int64)) -> Bool) throws {
            let found = Set(try store.runIDs(RunFilter(predicates: ParamPredicate.parseAll([text]))))
            let wanted = Set(expected.filter { condition($0.value) }.keys)
            #expect(found == wanted, "\(text)")
        }
        try check("wd>=1e-3") { $0.wd >= 1e-3 }
        try check("wd>1e-3") { $0.wd > 1e-3 }
        try check("wd<1e-3") { $0.wd < 1e-3 }
        try check("wd<=0.0001") { $0.wd <= 1e-4 }
        try check("wd=0") { $0.wd == 0 }
        try check("wd!=0") { $0.wd != 0 }
        try check("optimizer=adamw") { $0.optimizer == "adamw" }
        try check("optimizer!=adamw") { $0.optimizer != "adamw" }
        try check("batch_size>=64 and optimizer=sgd") { $0.batch >= 64 && $0.optimizer == "sgd" }
        // Values are bound: a quote in the value is just a character.
        #expect(try store.runIDs(RunFilter(predicates: [
            ParamPredicate(key: "optimizer", op: .equal, value: .text("x' OR 1=1 --")),
        ])).isEmpty)
    }
}
