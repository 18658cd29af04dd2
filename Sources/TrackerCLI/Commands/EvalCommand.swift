import Analysis
import TrackerStore
import Training

/// `tracker eval RUN`: load a stored checkpoint and measure it, on the run's
/// own test split (rebuilt from its recorded params) or on other data read
/// like the training data (same columns, the training split's statistics).
public enum EvalCommand: Command {
    static let kind = OptionSpec(
        "kind", choice: StoredCheckpointKind.self,
        help: "Which checkpoint to load; by default the weights the run kept (best with --early-stop, else last).")
    static let dataset = OptionSpec(
        "dataset", valueName: "name|path.csv",
        help: "Evaluate on every row of this data set instead of the run's test split.",
        isRepeatable: true)

    public static let spec = CommandSpec(
        name: "eval",
        abstract: "Evaluate a run's stored checkpoint on its test split or on other data.",
        discussion: """
            A CSV must have the training file's columns and target labels; its features are \
            standardized with the statistics of the run's training split, as training did.
            """,
        options: [kind, dataset, CommonOptions.database, CommonOptions.format()],
        positionals: [PositionalSpec("run", help: "The run's name or id.")],
        examples: [
            Example("tracker eval brave-otter-17", "Loss and accuracy of the kept weights on the run's test split."),
            Example("tracker eval brave-otter-17 --kind last --dataset new-data.csv", "The last epoch's weights on new data."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let format = try CommonOptions.format(arguments)
        let requestedKind: StoredCheckpointKind? = try arguments.value(kind.name)
        let datasets = arguments.strings(dataset.name)
        try DatabaseFile.requireExisting(path)
        let store = try StoreAccess.openForReading(path: path)
        defer { store.close() }
        let stored = try StoredRun(arguments.string("run") ?? "", in: store)
        let checkpoint = try stored.checkpoint(requestedKind ?? stored.keptCheckpointKind, in: store)
        let model = try stored.model(in: checkpoint)

        let training = try stored.rebuildData(in: store)
        var splits: [(name: String, split: DataSplit)] = []
        if datasets.isEmpty {
            splits.append(("test split of \(training.raw.name)", training.prepared.test))
        }
        for name in datasets {
            splits.append((name, try evaluationSplit(name, like: training, params: stored.params)))
        }
        var table = DataTable(columns: ["run", "checkpoint", "epoch", "data", "rows", "loss"] + (model.architecture.isClassification ? ["acc"] : []))
        for (name, split) in splits {
            guard split.rows > 0 else { throw CommandFailure("\(name) has no rows to evaluate on") }
            guard split.features == model.architecture.inputs else {
                throw CommandFailure("\(name) has \(split.features) features but the model expects \(model.architecture.inputs)")
            }
            let evaluation = model.evaluate(split)
            var row: [Cell] = [
                .text(stored.run.name), .text(checkpoint.record.kind.rawValue), .int(checkpoint.record.step),
                .text(name), .int(evaluation.rows), .real(evaluation.loss),
            ]
            if model.architecture.isClassification { row.append(.real(evaluation.accuracy)) }
            table.append(row)
        }
        context.print(table, as: format)
    }

    /// Every row of `name`, read against the training data's schema and
    /// standardized with the training split's statistics.
    private static func evaluationSplit(_ name: String, like training: LoadedData, params: [String: ParamValue]) throws -> DataSplit {
        let raw: RawDataset
        do {
            if DataCatalog.isCSVPath(name) {
                raw = try DataCatalog.loadCompanion(path: name, schema: training.raw.schema)
            } else {
                guard DataCatalog.builtInNames.contains(name) else { throw DataError.unknownDataset(name: name, valid: DataCatalog.builtInNames) }
                let seed = UInt64(max(0, params["data_seed"]?.number ?? 0))
                raw = try DataCatalog.load(name: name, options: DataOptions(seed: seed, noise: params["data_noise"]?.number))
                guard raw.schema.featureNames == training.raw.schema.featureNames,
                      raw.schema.classNames == training.raw.schema.classNames else {
                    throw CommandFailure("'\(name)' does not have the columns and classes of \(training.raw.name), which the run was trained on")
                }
            }
        } catch let error as DataError {
            throw CommandFailure(error.commandLineMessage)
        }
        let standardizer = training.prepared.standardizer ?? .identity(features: raw.featureCount)
        return standardizer.apply(to: raw.allRows)
    }
}
