/// A `tracker` command: its description and what it does.
///
/// A command with subcommands (like `tracker` itself) dispatches to them; its
/// own `run` is used when none is named.
public protocol Command {
    static var spec: CommandSpec { get }
    static var subcommands: [any Command.Type] { get }
    /// Does the work. Throws `UsageError` for bad input (exit 64),
    /// `CommandFailure` or any other error for failures (exit 1),
    /// `CommandInterrupted` after Ctrl-C (exit 130).
    static func run(_ arguments: ParsedArguments, context: CommandContext) throws
}

extension Command {
    public static var subcommands: [any Command.Type] { [] }
}
