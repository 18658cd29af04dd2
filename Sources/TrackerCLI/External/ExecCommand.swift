import ExecRecording
import Foundation
import Sweeps
import TrackerKit

/// `tracker exec [OPTIONS] -- COMMAND [ARG...]`: any program as a tracked run.
public enum ExecCommand: Command {
    static let name = RunStartCommand.name
    static let group = RunStartCommand.group
    static let tag = RunStartCommand.tag
    static let notes = RunStartCommand.notes
    static let param = OptionSpec(
        "param", valueName: "key=value",
        help: "A hyperparameter: stored typed, given to the command as {key} in its arguments and in TRACKER_PARAMS; repeatable.",
        isRepeatable: true)
    static let seed = OptionSpec("seed", valueName: "n", help: "The run's seed: {seed} in the arguments and TRACKER_SEED.")
    static let dataset = OptionSpec(
        "dataset", valueName: "name|path",
        help: "The data: registered as a data set version by content; {dataset} in the arguments and TRACKER_DATASET.")

    public static let spec = CommandSpec(
        name: "exec",
        abstract: "Run any training command as a tracked run: it logs by writing JSON lines to $TRACKER_FD.",
        discussion: """
            The command gets TRACKER_RUN_ID, TRACKER_RUN_NAME, TRACKER_PARAMS (a JSON object), \
            TRACKER_DATASET and TRACKER_SEED when given, PYTHONUNBUFFERED=1, and TRACKER_FD, a \
            descriptor to write one JSON object per line to, e.g. {"step": 3, "metrics": \
            {"val_loss": 0.52}}; a program that cannot use it prints the line to stdout after \
            '@tracker '. Its own stdout and stderr reach the terminal untouched; their last \
            lines are kept with the run ('tracker show'). Exit 0 ends the run finished; any \
            other code failed (tracker exec exits with that code); SIGINT or SIGTERM is passed \
            on to the command, the run ends killed and tracker exec exits 130 (SIGKILL follows \
            after 10 s). In a git work tree the commit, whether the tree is dirty and its diff \
            (up to 256 KiB) are kept.
            """,
        options: [name, group, tag, notes, param, seed, dataset, CommonOptions.database],
        positionals: [PositionalSpec("command", help: "The command and its arguments, after '--'.", arity: .oneOrMore)],
        examples: [
            Example("tracker exec --param lr=1e-3 -- python3 train.py --lr {lr}", "A Python script, lr passed as an argument."),
            Example("tracker exec --dataset data/v2.csv --seed 3 -- ./train.sh {dataset}", "Data and seed for any program."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let params = try KeyValueArguments.params(arguments.strings(param.name), option: param.displayName)
        let seed: Int64? = try arguments.value(seed.name, as: Int.self).map(Int64.init)
        if let name = arguments.string(name.name), name.isEmpty {
            throw UsageError.invalid("--name is empty; give the run a name or leave the option out.")
        }
        let command = arguments.strings("command")
        guard let program = command.first, !program.isEmpty else {
            throw UsageError.invalid("No command after '--'; write e.g. 'tracker exec -- python3 train.py'.")
        }
        let datasetReference = arguments.string(dataset.name)
        let datasetSpec = try datasetReference.map(ExternalDataset.spec)
        let tracker = try Tracker.open(path: CommonOptions.databasePath(arguments, environment: context.environment), environment: [:])
        let options = RunOptions(
            name: arguments.string(name.name), group: arguments.string(group.name), tags: arguments.strings(tag.name),
            notes: arguments.string(notes.name), params: params, seed: seed, dataset: datasetSpec,
            commandLine: CommandLineText.words(arguments, command: "exec") + " -- "
                + command.map(ShellQuoting.quote).joined(separator: " "))
        let console = context.console
        let session = ExecSession(
            tracker: tracker, request: ExecRequest(command: command, run: options, datasetReference: datasetReference))
        let result = try session.run(report: { console.writeError("tracker exec: \($0)\n") })
        if result.outcome == nil, let error = try? tracker.run(id: result.runID).error {
            context.printError("Error: \(error)")
        }
        context.printError(summaryLine(result))
        if result.exitCode != 0 { throw CommandExitStatus(result.exitCode) }
    }

    /// One line on stderr after the child: which run, how it ended, what was odd.
    static func summaryLine(_ result: ExecResult) -> String {
        var line = "tracker exec: run \(result.runName) \(result.status.rawValue)"
        if let outcome = result.outcome, result.status != .finished { line += " (exit \(outcome.exitCode))" }
        var problems: [String] = []
        if result.record.malformedLines > 0 { problems.append("\(result.record.malformedLines) malformed lines") }
        if result.record.rejectedPoints > 0 { problems.append("\(result.record.rejectedPoints) points not stored") }
        if result.record.missingCheckpoints > 0 { problems.append("\(result.record.missingCheckpoints) checkpoints missing") }
        if !problems.isEmpty { line += "; " + problems.joined(separator: ", ") + " (see above)" }
        return line
    }
}
