import Analysis

/// Finds the command the words name, parses its arguments, runs it, and turns
/// whatever happens into one exit code: the single exit funnel of `tracker`.
struct CommandDispatcher {
    let root: any Command.Type
    let context: CommandContext

    /// A command found by walking the words: the type and its full name path.
    struct Resolved {
        var command: any Command.Type
        var path: [String]
        var commandPath: String { path.joined(separator: " ") }
    }

    func run(_ words: [String]) -> Int32 {
        var resolved = Resolved(command: root, path: [root.spec.name])
        do {
            try execute(words, resolved: &resolved)
            return ExitCode.success.rawValue
        } catch let error as UsageError {
            let usage = UsageFormatter(commandPath: resolved.commandPath)
                .usage(for: resolved.command.spec, hasSubcommands: !resolved.command.subcommands.isEmpty)
            context.printError("""
                Error: \(error)
                Usage: \(usage)
                  See '\(resolved.commandPath) --help' for more information.
                """)
            return ExitCode.usage.rawValue
        } catch let exit as CommandExitStatus {
            return exit.code
        } catch let interruption as CommandInterrupted {
            if let message = interruption.message { context.printError(message) }
            return ExitCode.interrupted.rawValue
        } catch let error as StoredRunError {
            context.printError("Error: \(error.commandLineMessage)")
            return ExitCode.failure.rawValue
        } catch {
            // SQLiteError, StoreError and CommandFailure all describe
            // themselves in one line; no stack trace reaches the user.
            context.printError("Error: \(error)")
            return ExitCode.failure.rawValue
        }
    }

    /// Walks down the command tree along the words, then parses and runs.
    /// `resolved` tracks how far it got, for the usage line of an error.
    private func execute(_ words: [String], resolved: inout Resolved) throws {
        var words = words[...]
        while !resolved.command.subcommands.isEmpty, let word = words.first {
            if word == HelpCommand.spec.name {
                try printHelp(naming: Array(words.dropFirst()), from: resolved)
                return
            }
            if let subcommand = resolved.command.subcommands.first(where: { $0.spec.name == word }) {
                resolved = Resolved(command: subcommand, path: resolved.path + [word])
                words = words.dropFirst()
                continue
            }
            if ArgumentParser.isOptionLike(word) { break }
            let names = resolved.command.subcommands.map { $0.spec.name }
            throw UsageError.unknownCommand(word, suggestion: Suggestion.closest(to: word, in: names))
        }
        let outcome = try ArgumentParser.parse(Array(words), for: resolved.command.spec)
        switch outcome {
        case .helpRequested:
            context.print(helpText(for: resolved))
        case .arguments(let arguments):
            try Self.invoke(resolved.command, arguments, context)
        }
    }

    /// Opens the existential so the static requirement is called on a concrete type.
    private static func invoke<C: Command>(_ command: C.Type, _ arguments: ParsedArguments, _ context: CommandContext) throws {
        try command.run(arguments, context: context)
    }

    func helpText(for resolved: Resolved) -> String {
        HelpFormatter(commandPath: resolved.commandPath)
            .help(for: resolved.command.spec, subcommands: resolved.command.subcommands.map { $0.spec })
    }

    /// `tracker help train` shows what `tracker train --help` shows; help
    /// flags among the words are ignored, as swift-argument-parser does.
    private func printHelp(naming words: [String], from start: Resolved) throws {
        var resolved = start
        for word in words where !ArgumentParser.isOptionLike(word) {
            guard let subcommand = resolved.command.subcommands.first(where: { $0.spec.name == word }) else {
                let names = resolved.command.subcommands.map { $0.spec.name }
                throw UsageError.unknownCommand(word, suggestion: Suggestion.closest(to: word, in: names))
            }
            resolved = Resolved(command: subcommand, path: resolved.path + [word])
        }
        context.print(helpText(for: resolved))
    }
}
