import TrackerKit
import TrackerStore

/// `tracker run finish RUN [--status S]`: ends the run.
public enum RunFinishCommand: Command {
    static let endings: [RunStatus] = [.finished, .failed, .killed, .pruned]
    static let status = OptionSpec(
        "status", valueName: "status", help: "How the run ended.", defaultValue: RunStatus.finished.rawValue,
        choices: endings.map(\.rawValue))
    static let error = OptionSpec("error", valueName: "text", help: "Why a failed run failed, shown by 'tracker show'.")
    static let keptStep = OptionSpec("kept-step", valueName: "n", help: "The step whose weights the final model holds.")

    public static let spec = CommandSpec(
        name: "finish",
        abstract: "End a running run: finished (the default), failed, killed or pruned.",
        options: [status, error, keptStep, CommonOptions.database],
        positionals: [PositionalSpec("run", help: "The run's name or id.")],
        examples: [
            Example("tracker run finish $RUN", "The script completed."),
            Example("tracker run finish $RUN --status failed --error \"loss diverged\"", "It did not."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let ending = try RunStatus(parsing: arguments.string(status.name) ?? RunStatus.finished.rawValue)
        let kept: Int? = try arguments.value(keptStep.name)
        let open = try OpenRun(arguments, context: context)
        defer { open.store.close() }
        try open.store.finishRun(
            open.run.id, status: ending, stopReason: RunHandle.usualStopReason(ending), bestStep: kept,
            error: arguments.string(error.name))
    }
}
