/// The command-line interface, kept in a library so tests can call it in-process;
/// the `tracker` executable only calls `main`.
public enum TrackerCLI {
    /// Runs the command line (program name first) and returns the exit code.
    public static func main(_ arguments: [String]) -> Int32 {
        run(Array(arguments.dropFirst()), context: .standard())
    }

    /// Runs the words after the program name in `context`.
    public static func run(_ words: [String], context: CommandContext) -> Int32 {
        CommandDispatcher(root: TrackerCommand.self, context: context).run(words)
    }
}
