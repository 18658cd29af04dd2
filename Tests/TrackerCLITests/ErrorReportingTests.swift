import Testing
@testable import TrackerCLI

@Suite struct ErrorReportingTests {
    @Test func unknownCommandsExit64WithTheClosestCommand() {
        let result = runCLI(["inti"])
        #expect(result.exitCode == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            Error: Unknown command 'inti'. Did you mean 'init'?
            Usage: tracker <command> [--version]
              See 'tracker --help' for more information.

            """)
    }

    @Test func unknownOptionsExit64WithUsageAndPointerToHelp() {
        let result = runCLI(["init", "--dbb", "x.db"])
        #expect(result.exitCode == 64)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines == [
            "Error: Unknown option '--dbb'. Did you mean '--db'?",
            "Usage: tracker init [--db <path>]",
            "  See 'tracker init --help' for more information.",
        ])
    }

    @Test func badChoicesExit64() {
        let result = runCLI(["sql", "--format", "xml", "SELECT 1"])
        #expect(result.exitCode == 64)
        #expect(result.stderr.hasPrefix("Error: Invalid value 'xml' for '--format': expected one of table, csv, json."))
    }

    @Test func aMissingDatabaseIsARuntimeFailure() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = runCLI(["sql", "--db", directory.path("absent.db"), "SELECT 1"])
        #expect(result.exitCode == 1)
        #expect(result.stderr.hasPrefix("Error: no database at '"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func interruptionsExit130() {
        let (context, _, err) = capturingContext()
        let code = CommandDispatcher(root: ToolCommand.self, context: context).run(["stop"])
        #expect(code == 130)
        #expect(err.text == "Interrupted; run marked killed.\n")
    }

    @Test func otherErrorsExit1WithOneLine() {
        let (context, _, err) = capturingContext()
        let code = CommandDispatcher(root: ToolCommand.self, context: context).run(["checkpoint", "export", "-o", "x", "--fail"])
        #expect(code == 1)
        #expect(err.text == "Error: no run named 'x'; list runs with 'tracker runs'\n")
    }
}

@Suite struct CommandTreeTests {
    @Test func nestedCommandsAreReachedAndGetTheirArguments() {
        let (context, out, _) = capturingContext()
        let code = CommandDispatcher(root: ToolCommand.self, context: context).run(["checkpoint", "export", "-o", "w.bin"])
        #expect(code == 0)
        #expect(out.text == "exported to w.bin\n")
    }

    @Test func helpWalksTheTree() {
        let (context, out, _) = capturingContext()
        #expect(CommandDispatcher(root: ToolCommand.self, context: context).run(["help", "checkpoint", "export"]) == 0)
        let (context2, out2, _) = capturingContext()
        #expect(CommandDispatcher(root: ToolCommand.self, context: context2).run(["checkpoint", "export", "--help"]) == 0)
        #expect(out.text == out2.text)
        #expect(out.text.contains("USAGE: tool checkpoint export --output <file> [--fail]"))
    }

    @Test func aGroupNamesItsCommandsInUsageErrors() {
        let (context, _, err) = capturingContext()
        #expect(CommandDispatcher(root: ToolCommand.self, context: context).run(["checkpoint", "exprot"]) == 64)
        #expect(err.text.hasPrefix("Error: Unknown command 'exprot'. Did you mean 'export'?\nUsage: tool checkpoint <command>"))
    }
}

private enum ToolCommand: Command {
    static let spec = CommandSpec(name: "tool", abstract: "A tool for testing the dispatcher.")
    static var subcommands: [any Command.Type] { [StopCommand.self, CheckpointGroup.self] }
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws {}
}

private enum StopCommand: Command {
    static let spec = CommandSpec(name: "stop", abstract: "Stops as if Ctrl-C was pressed.")
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        throw CommandInterrupted("Interrupted; run marked killed.")
    }
}

private enum CheckpointGroup: Command {
    static let spec = CommandSpec(name: "checkpoint", abstract: "Checkpoints.")
    static var subcommands: [any Command.Type] { [ExportCommand.self] }
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws {}
}

private enum ExportCommand: Command {
    static let spec = CommandSpec(
        name: "export", abstract: "Export a checkpoint.",
        options: [
            OptionSpec("output", short: "o", valueName: "file", help: "Where to write.", isRequired: true),
            .flag("fail", help: "Fail like a missing run."),
        ])
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        if arguments.isSet("fail") { throw CommandFailure("no run named 'x'; list runs with 'tracker runs'") }
        context.print("exported to \(arguments.string("output") ?? "")")
    }
}
