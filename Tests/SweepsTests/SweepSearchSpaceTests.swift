import Testing
import TrackerStore
@testable import Sweeps

@Suite("Sweep search space: parsing options and the stored JSON")
struct SweepSearchSpaceTests {
    @Test func listsRangesChoicesAndFixedOptionsAreToldApart() throws {
        let (space, fixed) = try SearchSpace.parse([
            SweepOptionInput("wd", "0,1e-4,1e-3,1e-2"),
            SweepOptionInput("dropout", "0,0.3,0.5"),
            SweepOptionInput("lr", "1e-4:1e-2"),
            SweepOptionInput("l2", "1e-5:1e-1:log"),
            SweepOptionInput("batch-size", "16:256:log:int"),
            SweepOptionInput("optimizer", "adam,adamw"),
            SweepOptionInput("hidden", "64,64"),
            SweepOptionInput("dataset", "digits"),
            SweepOptionInput("epochs", "50"),
            SweepOptionInput("batchnorm", nil),
        ])
        #expect(space.dimensions["wd"] == .values([.number(0), .number(1e-4), .number(1e-3), .number(1e-2)]))
        #expect(space.dimensions["dropout"] == .values([.number(0), .number(0.3), .number(0.5)]))
        #expect(space.dimensions["lr"] == .range(lower: 1e-4, upper: 1e-2, scale: .linear, integer: false))
        #expect(space.dimensions["l2"] == .range(lower: 1e-5, upper: 1e-1, scale: .log, integer: false))
        #expect(space.dimensions["batch_size"] == .range(lower: 16, upper: 256, scale: .log, integer: true))
        #expect(space.dimensions["optimizer"] == .values([.text("adam"), .text("adamw")]))
        #expect(space.names == ["batch_size", "dropout", "l2", "lr", "optimizer", "wd"])
        #expect(fixed == ["hidden": .text("64,64"), "dataset": .text("digits"), "epochs": .number(50), "batchnorm": .flag])
        #expect(space.gridSize == nil && space.hasRanges)
    }

    @Test func listValuedOptionsSweepWithBars() throws {
        let (space, fixed) = try SearchSpace.parse([
            SweepOptionInput("hidden", "64,64|128,128"), SweepOptionInput("dropout", "0.1,0.3|0.5,0.5"),
        ])
        #expect(space.dimensions["hidden"] == .values([.text("64,64"), .text("128,128")]))
        #expect(space.dimensions["dropout"] == .values([.text("0.1,0.3"), .text("0.5,0.5")]))
        #expect(fixed.isEmpty && space.gridSize == 4)
    }

    @Test(arguments: [
        ("wd", "1e-1:1e-5:log", "LOW < HIGH"),
        ("wd", "0:1e-1:log", "positive lower bound"),
        ("wd", "1e-5:1e-1:cubic", "unknown range modifier 'cubic'"),
        ("batch-size", "16.5:64:int", "whole bounds"),
        ("dropout", "0,,0.5", "empty value"),
    ])
    func badValuesAreRefusedWithTheFix(option: String, text: String, message: String) {
        let error = #expect(throws: SweepDefinitionError.self) {
            try SearchSpace.parse([SweepOptionInput(option, text)])
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "no error")")
        #expect(error?.message.contains("--\(option)") == true)
    }

    @Test func anOptionGivenTwiceIsRefused() {
        #expect(throws: SweepDefinitionError.self) {
            try SearchSpace.parse([SweepOptionInput("wd", "0,1"), SweepOptionInput("wd", "2")])
        }
    }

    @Test func duplicateValuesCollapseInOrder() throws {
        let (space, _) = try SearchSpace.parse([SweepOptionInput("wd", "1e-3,0.001,0")])
        #expect(space.dimensions["wd"] == .values([.number(1e-3), .number(0)]))
    }

    @Test func spaceJSONHasTheDocumentedShapeAndRoundTrips() throws {
        let space = SearchSpace([
            "wd": .range(lower: 1e-5, upper: 0.1, scale: .log, integer: false),
            "dropout": .values([.number(0), .number(0.5)]),
            "optimizer": .values([.text("adamw")]),
        ])
        let json = try space.json()
        #expect(json == #"{"dropout":{"values":[0,0.5]},"optimizer":{"values":["adamw"]},"wd":{"integer":false,"range":[1.0000000000000001e-05,0.10000000000000001],"scale":"log"}}"#
            || json == #"{"dropout":{"values":[0,0.5]},"optimizer":{"values":["adamw"]},"wd":{"integer":false,"range":[1e-05,0.1],"scale":"log"}}"#,
            "\(json)")
        #expect(try SearchSpace(json: json) == space)
        #expect(throws: SweepDefinitionError.self) { try SearchSpace(json: #"{"wd": [0, 1]}"#) }
    }

    @Test func configJSONRoundTripsAndIsQueryable() throws {
        let config = SweepConfiguration(
            method: .random, trials: 12, samplerSeed: 7, seeds: [0, 1, 2], folds: 5, prune: .defaultHalving,
            fixed: ["dataset": .text("digits"), "epochs": .number(40), "batchnorm": .flag],
            first: [TrialSetting(["wd": .number(0.001)])])
        let json = try config.json()
        #expect(try SweepConfiguration(json: json) == config)
        #expect(try SweepConfiguration(json: SweepConfiguration(method: .grid).json()).trials == nil)
        // What users query: the stored text through SQLite's JSON functions.
        let store = try Store.inMemory()
        let definition = try SweepDefinition(
            space: SearchSpace(["dropout": .values([.number(0), .number(0.3)]), "wd": .range(lower: 1e-5, upper: 0.1, scale: .log, integer: false)]),
            configuration: config)
        let sweep = try store.createSweep(definition.sweepSpec(objective: "val_acc", direction: .max))
        let row = try store.database.rows("""
            SELECT json_extract(config, '$.prune.rule'), json_extract(config, '$.seeds[2]'), json_extract(config, '$.fixed.dataset'),
                   json_extract(space, '$.dropout.values[1]'), json_extract(space, '$.wd.scale'), json_extract(config, '$.trials')
            FROM sweeps WHERE id = ?
            """, sweep.id) { row in
            [try row.column(0, as: String.self), String(try row.column(1, as: Int.self)), try row.column(2, as: String.self),
             String(try row.column(3, as: Double.self)), try row.column(4, as: String.self), String(try row.column(5, as: Int.self))]
        }
        #expect(row == [["halving", "2", "digits", "0.3", "log", "12"]])
        #expect(try SweepDefinition(sweep: store.sweep(id: sweep.id)) == definition)
    }

    @Test func settingsPrintAsTrainArguments() {
        let setting = TrialSetting(["wd": .number(0.001), "dropout": .number(0), "optimizer": .text("adamw"), "batch_size": .number(64)])
        #expect(setting.arguments == ["--batch-size", "64", "--dropout", "0", "--optimizer", "adamw", "--wd", "0.001"])
        #expect(setting.summary == "batch_size=64 dropout=0 optimizer=adamw wd=0.001")
        #expect(SweepValue.number(1e-5).argument == "1e-05")
    }
}
