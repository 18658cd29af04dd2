import Testing
@testable import TrackerCLI

@Suite struct HelpTests {
    @Test func helpForACommandIsTheSameHoweverItIsAsked() {
        let viaHelp = runCLI(["help", "init"])
        let viaLong = runCLI(["init", "--help"])
        let viaShort = runCLI(["init", "-h"])
        #expect(viaHelp.exitCode == 0)
        #expect(viaLong.exitCode == 0)
        #expect(viaShort.exitCode == 0)
        #expect(viaHelp.stdout == viaLong.stdout)
        #expect(viaHelp.stdout == viaShort.stdout)
        #expect(viaHelp.stderr.isEmpty)
        #expect(viaHelp.stdout.hasPrefix("OVERVIEW: Create a tracker database"))
    }

    @Test func commandHelpHasItsSectionsInOrderWithDefaults() throws {
        let help = runCLI(["sql", "--help"]).stdout
        let sections = ["OVERVIEW:", "USAGE: tracker sql", "ARGUMENTS:", "OPTIONS:", "EXAMPLES:"]
        let positions = try sections.map { section in
            try #require(help.range(of: section), "missing \(section)").lowerBound
        }
        #expect(positions == positions.sorted())
        #expect(help.contains("--db <path>"))
        #expect(help.contains("(default: ./tracker.db)"))
        #expect(help.contains("--format <format>"))
        #expect(help.contains("(values: table, csv, json;"))
        #expect(help.contains("default: table)"))
        #expect(help.contains("-h, --help"))
        #expect(help.contains("<query>"))
    }

    @Test func rootHelpListsEveryCommand() {
        for words in [["--help"], ["-h"], ["help"], []] {
            let result = runCLI(words)
            #expect(result.exitCode == 0, "tracker \(words)")
            #expect(result.stdout.contains("COMMANDS:"))
            for command in TrackerCommand.subcommands {
                #expect(result.stdout.contains("\n  \(command.spec.name) "), "\(command.spec.name) is not listed")
            }
        }
    }

    @Test func helpForAnUnknownCommandIsAUsageError() {
        let result = runCLI(["help", "inti"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("Error: Unknown command 'inti'. Did you mean 'init'?\n"))
    }

    @Test func versionPrintsTheVersion() {
        let result = runCLI(["--version"])
        #expect(result.exitCode == 0)
        #expect(result.stdout == "tracker \(TrackerCommand.version)\n")
    }

    @Test func longOptionListsCollapseInTheUsageLine() {
        let options = (1...8).map { OptionSpec("option\($0)", valueName: "v", help: "An option.") }
        let spec = CommandSpec(name: "train", abstract: "Train.", options: options)
        #expect(UsageFormatter(commandPath: "tracker train").usage(for: spec) == "tracker train [<options>]")
        let few = CommandSpec(name: "show", abstract: "Show.", options: Array(options.prefix(1)), positionals: [PositionalSpec("run", help: "Run.")])
        #expect(UsageFormatter(commandPath: "tracker show").usage(for: few) == "tracker show [--option1 <v>] <run>")
    }

    @Test func longHelpTextWrapsUnderItsColumn() {
        let text = HelpFormatter.table([("--x", String(repeating: "word ", count: 30))])
        let lines = text.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= HelpFormatter.lineWidth })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: HelpFormatter.nameColumnWidth + 2)) })
    }
}

@Suite struct OptionGroupTests {
    @Test func groupedOptionsGetTitledSectionsBeforePlainOptions() throws {
        let spec = CommandSpec(
            name: "train", abstract: "Train.",
            options: [
                OptionSpec("wd", valueName: "value", help: "Weight decay.", defaultValue: "0").inGroup("Regularization"),
                OptionSpec("epochs", valueName: "n", help: "Epochs.", defaultValue: "100").inGroup("Training"),
                OptionSpec("dropout", valueName: "rate", help: "Dropout.", defaultValue: "0").inGroup("Regularization"),
                CommonOptions.database,
            ])
        let help = HelpFormatter(commandPath: "tracker train").help(for: spec)
        let regularization = try #require(help.range(of: "REGULARIZATION OPTIONS:\n  --wd <value>"))
        let training = try #require(help.range(of: "TRAINING OPTIONS:\n  --epochs <n>"))
        let plain = try #require(help.range(of: "\nOPTIONS:\n  --db <path>"))
        #expect(regularization.lowerBound < training.lowerBound)
        #expect(training.lowerBound < plain.lowerBound)
        let section = help[regularization.lowerBound..<training.lowerBound]
        #expect(section.contains("--dropout <rate>"))
        #expect(help.hasSuffix("-h, --help              Show help information.\n"))
    }
}
