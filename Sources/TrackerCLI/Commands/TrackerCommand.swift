/// `tracker` itself: the root of the command tree and its registry. A new
/// command becomes reachable, and listed in `tracker --help`, by adding it to
/// `subcommands`.
public enum TrackerCommand: Command {
    public static let version = "0.1.0"

    public static let spec = CommandSpec(
        name: "tracker",
        abstract: "Train models and track regularization experiments in one SQLite file.",
        discussion: """
            Every run, its parameters, its per-epoch metrics and its checkpoints live in \
            one SQLite database (default ./tracker.db; set --db or TRACKER_DB), readable \
            with the sqlite3 shell while training writes. When one machine is not enough, \
            --db postgresql://USER@HOST:PORT/DB puts the same store on a PostgreSQL server \
            that many machines share ('tracker sweep --join', 'tracker push').
            """,
        options: [.flag("version", help: "Show the version.")],
        examples: [
            Example("tracker init", "Create ./tracker.db with the current schema."),
            Example("tracker init --db postgresql://me@db.lab/tracker", "Create the store's tables on a PostgreSQL server."),
            Example("tracker help init", "Show the help of one command."),
        ])

    public static var subcommands: [any Command.Type] {
        [
            InitCommand.self,
            TrainCommand.self,
            RunCommand.self,
            ExecCommand.self,
            ImportCommand.self,
            PushCommand.self,
            EvalCommand.self,
            CheckpointCommand.self,
            RunsCommand.self,
            UICommand.self,
            ShowCommand.self,
            CompareCommand.self,
            SweepCommand.self,
            RetuneCommand.self,
            LineageCommand.self,
            HistoryCommand.self,
            ReportCommand.self,
            DiagnoseCommand.self,
            ExportCommand.self,
            TagCommand.self,
            NoteCommand.self,
            DeleteCommand.self,
            DatasetsCommand.self,
            ReindexCommand.self,
            SQLCommand.self,
            HelpCommand.self,
        ]
    }

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        if arguments.isSet("version") {
            context.print("tracker \(version)")
            return
        }
        context.print(HelpFormatter(commandPath: spec.name).help(for: spec, subcommands: subcommands.map { $0.spec }))
    }
}

/// `tracker help [COMMAND...]`; the dispatcher answers it, so that help for a
/// command is the same text however it is asked for.
public enum HelpCommand: Command {
    public static let spec = CommandSpec(
        name: "help",
        abstract: "Show help for a command.",
        positionals: [PositionalSpec("command", help: "The command to describe.", arity: .zeroOrMore)],
        examples: [Example("tracker help init", "The same as 'tracker init --help'.")])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        // Reached only as `tracker help --help`-style misuse; the dispatcher
        // handles `tracker help ...` itself.
        context.print(HelpFormatter(commandPath: "tracker help").help(for: spec))
    }
}
