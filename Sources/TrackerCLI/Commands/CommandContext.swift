import Foundation

/// Everything a command may use from the outside world, passed in rather than
/// reached for, so that tests run commands in-process with a fake world.
public struct CommandContext {
    public var console: Console
    public var environment: [String: String]
    public var terminal: TerminalInfo

    public init(console: Console, environment: [String: String], terminal: TerminalInfo) {
        self.console = console
        self.environment = environment
        self.terminal = terminal
    }

    public static func standard() -> CommandContext {
        let environment = ProcessInfo.processInfo.environment
        return CommandContext(
            console: .standard(), environment: environment, terminal: .detect(environment: environment))
    }

    public func print(_ text: String) {
        console.writeOut(text.hasSuffix("\n") ? text : text + "\n")
    }

    public func printError(_ text: String) {
        console.writeError(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// Prints `table` in `format`, fitted to the terminal when it is one.
    public func print(_ table: DataTable, as format: OutputFormat) {
        console.writeOut(format.render(table, width: terminal.stdoutIsTerminal ? terminal.width : nil))
    }
}
