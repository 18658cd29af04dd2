/// `tracker run`: record a run from a shell script or any language that can
/// call a command, one call per event.
public enum RunCommand: Command {
    public static let spec = CommandSpec(
        name: "run",
        abstract: "Record a run from a shell script: start it, log metrics and checkpoints, finish it.",
        discussion: """
            'tracker run start' prints the new run's name; pass it to the other subcommands. \
            The run belongs to the script that called 'start' (its parent process): if that \
            script dies before 'tracker run finish', the run is marked crashed the next time \
            the database is opened. Every 'log' refreshes the run's heartbeat.
            """,
        examples: [
            Example("RUN=$(tracker run start --name baseline --param lr=1e-3)", "Start a run; keep its name."),
            Example("tracker run log $RUN --step 3 train_loss=0.41 val_loss=0.52", "Log one step's metrics."),
            Example("tracker run checkpoint $RUN model.bin --step 3 --kind best", "Store a checkpoint file."),
            Example("tracker run finish $RUN", "End the run as finished."),
        ])

    public static var subcommands: [any Command.Type] {
        [RunStartCommand.self, RunLogCommand.self, RunCheckpointCommand.self, RunFinishCommand.self]
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        context.print(HelpFormatter(commandPath: "tracker run").help(for: spec, subcommands: subcommands.map { $0.spec }))
    }
}

/// What `tracker run start` prints: scripts capture it with `$(...)`.
enum RunStartOutput: String, ArgumentChoice {
    /// The run's name alone (the default; every command accepts it).
    case name
    /// The run's numeric id alone.
    case id
    /// `[{"id": 7, "name": "..."}]`, as other commands print JSON.
    case json

    static var valueName: String { "format" }
}
