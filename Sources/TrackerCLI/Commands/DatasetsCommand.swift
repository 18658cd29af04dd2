import TrackerStore

/// `tracker datasets`: every registered data set version and its use.
public enum DatasetsCommand: Command {
    public static let spec = CommandSpec(
        name: "datasets",
        abstract: "List data set versions and how many runs used each.",
        discussion: """
            A data set gets a new version when its content (fingerprint) changes under the \
            same name: that is how the tracker notices new data.
            """,
        options: [
            CommonOptions.database, CommonOptions.format(),
            OptionSpec("name", valueName: "name", help: "Only the versions of this data set."),
        ],
        examples: [
            Example("tracker datasets", "Every data set version."),
            Example("tracker datasets --name digits --format json", "The versions of 'digits' as JSON."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let format = try CommonOptions.format(arguments)
        let store = try StoreAccess.openForReading(arguments, context: context)
        defer { store.close() }
        let name = arguments.string("name")
        let usage = try store.datasetUsage(named: name)
        if usage.isEmpty, format == .table {
            context.print(name.map { "No data set named '\($0)'." } ?? "No data sets registered yet; 'tracker train' registers them.")
            return
        }
        context.print(table(usage), as: format)
    }

    static func table(_ usage: [DatasetUsage]) -> DataTable {
        var table = DataTable(columns: ["name", "version", "fingerprint", "rows", "features", "task", "target", "source", "registered", "runs"])
        for entry in usage {
            let dataset = entry.dataset
            table.append([
                .text(dataset.name), .int(dataset.version), .text(String(dataset.fingerprint.prefix(12))),
                .int(dataset.rows), .int(dataset.features), .text(dataset.task.rawValue), .text(dataset.target),
                .text(dataset.source), .text(RunTiming.short(dataset.createdAt)), .int(entry.runCount),
            ])
        }
        return table
    }
}
