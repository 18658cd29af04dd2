#if canImport(Glibc)
import Glibc
#endif
import TrackerStore

/// `tracker run start`: creates a run owned by the calling script and prints its name.
public enum RunStartCommand: Command {
    static let name = OptionSpec("name", valueName: "name", help: "A unique run name; omitted, one such as 'brave-otter-17' is made up.")
    static let group = OptionSpec("group", valueName: "group", help: "Put the run in this group.")
    static let tag = OptionSpec("tag", valueName: "tag", help: "Tag the run; repeat for several tags.", isRepeatable: true)
    static let notes = OptionSpec("notes", valueName: "text", help: "Free-text notes about the run.")
    static let param = OptionSpec(
        "param", valueName: "key=value",
        help: "A hyperparameter, typed as 'tracker train' stores it (integer, real, true/false, else text); repeatable.",
        isRepeatable: true)
    static let seed = OptionSpec("seed", valueName: "n", help: "The run's random seed, recorded for reproducing it.")
    static let dataset = OptionSpec(
        "dataset", valueName: "name|path",
        help: "The data the script trains on: a built-in name or a file, registered as a data set version by content.")
    static let owner = OptionSpec(
        "owner-pid", valueName: "pid",
        help: "The process whose death means the run crashed; default: the caller of 'tracker run start'.")
    static let format = OptionSpec(
        "format", choice: RunStartOutput.self, help: "What to print: the run's name, its id, or JSON with both.",
        default: .name)

    public static let spec = CommandSpec(
        name: "start",
        abstract: "Start a run and print its name, for the other 'tracker run' subcommands.",
        options: [name, group, tag, notes, param, seed, dataset, owner, format, CommonOptions.database],
        examples: [
            Example("RUN=$(tracker run start --name baseline --param lr=1e-3 --param optimizer=adamw)", "Start a run."),
            Example("RUN=$(tracker run start --dataset data/train.csv --tag shell)", "Record the data's version too."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let params = try KeyValueArguments.params(arguments.strings(param.name), option: param.displayName)
        let output: RunStartOutput = try arguments.value(format.name) ?? .name
        let seed: Int64? = try arguments.value(seed.name, as: Int.self).map(Int64.init)
        let ownerPID = Int64(try arguments.value(owner.name, as: Int.self) ?? Int(getppid()))
        guard ownerPID > 0 else { throw UsageError.invalid("--owner-pid must be a process id above 0.") }
        if let name = arguments.string(name.name), name.isEmpty {
            throw UsageError.invalid("--name is empty; give the run a name or leave the option out.")
        }
        let datasetSpec = try arguments.string(dataset.name).map(ExternalDataset.spec)
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let store = try Store(path: path)
        defer { store.close() }
        let datasetID = try datasetSpec.map { try store.registerDataset($0).dataset.id }
        let run = try store.createRun(RunSpec(
            name: arguments.string(name.name), group: arguments.string(group.name), tags: arguments.strings(tag.name),
            notes: arguments.string(notes.name), seed: seed, datasetID: datasetID,
            command: CommandLineText.words(arguments, command: "run start"), params: params))
        try store.setOrigin(of: run.id, source: .shell)
        try store.setOwner(of: run.id, pid: ownerPID)
        switch output {
        case .name: context.print(run.name)
        case .id: context.print(String(run.id))
        case .json: context.print(DataTable(columns: ["id", "name"], rows: [[.integer(run.id), .text(run.name)]]), as: .json)
        }
    }
}
