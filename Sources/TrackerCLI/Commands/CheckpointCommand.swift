import Analysis
import Foundation
import TrackerStore

/// `tracker checkpoint`: the stored checkpoints of a run.
public enum CheckpointCommand: Command {
    public static let spec = CommandSpec(
        name: "checkpoint",
        abstract: "List or export a run's stored checkpoints.",
        examples: [
            Example("tracker checkpoint list brave-otter-17", "The run's checkpoints."),
            Example("tracker checkpoint export brave-otter-17 -o best.ckpt", "Write the best checkpoint to a file."),
        ])

    public static var subcommands: [any Command.Type] { [CheckpointListCommand.self, CheckpointExportCommand.self] }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        context.print(HelpFormatter(commandPath: "tracker checkpoint").help(for: spec, subcommands: subcommands.map { $0.spec }))
    }
}

/// `tracker checkpoint list RUN`.
public enum CheckpointListCommand: Command {
    public static let spec = CommandSpec(
        name: "list",
        abstract: "List a run's checkpoints: kind, epoch, size and content hash.",
        options: [CommonOptions.database, CommonOptions.format()],
        positionals: [PositionalSpec("run", help: "The run's name or id.")],
        examples: [Example("tracker checkpoint list brave-otter-17 --format json", "As JSON.")])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let format = try CommonOptions.format(arguments)
        try DatabaseFile.requireExisting(path)
        let store = try StoreAccess.openForReading(path: path)
        defer { store.close() }
        let stored = try StoredRun(arguments.string("run") ?? "", in: store)
        var table = DataTable(columns: ["kind", "epoch", "bytes", "sha256", "created_at"])
        for checkpoint in try store.checkpoints(of: stored.run.id) {
            table.append([
                .text(checkpoint.kind.rawValue), .int(checkpoint.step), .int(checkpoint.size),
                .text(checkpoint.sha256), .text(checkpoint.createdAt),
            ])
        }
        context.print(table, as: format)
    }
}

/// `tracker checkpoint export RUN -o FILE`: the checkpoint's exact bytes.
public enum CheckpointExportCommand: Command {
    static let kind = OptionSpec("kind", choice: StoredCheckpointKind.self, help: "Which checkpoint to write.", default: .best)
    static let output = OptionSpec("output", short: "o", valueName: "file", help: "The file to write.", isRequired: true)

    public static let spec = CommandSpec(
        name: "export",
        abstract: "Write a run's stored checkpoint to a file.",
        discussion: "The file is the engine's versioned checkpoint format, byte for byte as stored.",
        options: [kind, output, CommonOptions.database],
        positionals: [PositionalSpec("run", help: "The run's name or id.")],
        examples: [Example("tracker checkpoint export brave-otter-17 --kind last -o last.ckpt", "The last epoch, with the state to resume.")])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let kind: StoredCheckpointKind = try arguments.value(Self.kind.name) ?? .best
        let file = arguments.string(output.name) ?? ""
        guard !file.isEmpty else { throw UsageError.invalid("--output is empty; give a file name such as best.ckpt.") }
        try DatabaseFile.requireExisting(path)
        try DatabaseFileGuard.refuse(output: file, database: path)
        let store = try StoreAccess.openForReading(path: path)
        defer { store.close() }
        let stored = try StoredRun(arguments.string("run") ?? "", in: store)
        let checkpoint = try stored.checkpoint(kind, in: store)
        try OutputFile.write(checkpoint.bytes, to: file, sparing: path)
        context.print("Wrote the \(kind.rawValue) checkpoint of \(stored.run.name) (epoch \(checkpoint.record.step), \(checkpoint.bytes.count) bytes) to \(file).")
    }
}
