import Testing
@testable import TrackerCLI

@Suite struct StoreCommandHelpTests {
    static let names = ["runs", "show", "compare", "history", "diagnose", "export", "tag", "note", "delete", "datasets"]

    @Test(arguments: names)
    func everyCommandHasHelpWithTheDatabaseOptionAndAnExample(_ name: String) throws {
        let result = runCLI([name, "--help"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == runCLI(["help", name]).stdout)
        #expect(result.stdout.contains("USAGE: tracker \(name)"))
        #expect(result.stdout.contains("--db <path>"))
        let examples = try #require(result.stdout.range(of: "EXAMPLES:\n"))
        #expect(result.stdout[examples.upperBound...].hasPrefix("  tracker \(name)"))
    }

    @Test(arguments: names)
    func everyCommandIsRegistered(_ name: String) {
        #expect(TrackerCommand.subcommands.contains { $0.spec.name == name })
    }

    @Test func dataCommandsOfferTheirFormats() {
        #expect(runCLI(["runs", "--help"]).stdout.contains("(values: table, csv, json;"))
        #expect(runCLI(["show", "--help"]).stdout.contains("(values: table, csv, json;"))
        #expect(runCLI(["export", "--help"]).stdout.contains("(values: csv, jsonl, json; default: csv)"))
        #expect(runCLI(["compare", "--help"]).stdout.contains("--where <condition>"))
    }
}
