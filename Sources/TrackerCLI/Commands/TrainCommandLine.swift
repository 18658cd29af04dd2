import TrackerStore

/// Writes the `tracker train` command that repeats a run with some params
/// changed: the run's own params (keys are `tracker train` option names
/// without dashes, `batch_size` for `--batch-size`), the change applied.
struct TrainCommandLine {
    /// Params recorded as 0/1 that `tracker train` takes as bare flags.
    static let flagKeys: Set<String> = ["batchnorm", "layernorm"]
    /// Params that describe the run rather than the training.
    static let skippedKeys: Set<String> = ["dataset", "name", "group", "tag", "tags", "notes", "db"]

    var dataset: String?
    var params: [String: ParamValue]
    /// `--db` to repeat, when the run lives elsewhere than the default database.
    var databasePath: String?

    func applying(_ changes: [String: ParamValue?]) -> TrainCommandLine {
        var copy = self
        for (key, value) in changes { copy.params[key] = value }
        return copy
    }

    var text: String {
        var words = ["tracker", "train"]
        if let dataset { words += ["--dataset", Self.quoted(dataset)] }
        for key in params.keys.sorted() where !Self.skippedKeys.contains(key) {
            let option = SweepOptionName.option(key)
            let value = params[key]!
            if Self.flagKeys.contains(key) || value.isBool {
                if (value.number ?? 0) != 0 { words.append(option) }
                continue
            }
            words += [option, Self.quoted(Self.text(value))]
        }
        if let databasePath { words += ["--db", Self.quoted(databasePath)] }
        return words.joined(separator: " ")
    }

    /// The data set argument that trains on the same data: the param when
    /// recorded, else the built-in name or the file the version came from.
    static func datasetArgument(params: [String: ParamValue], dataset: Dataset?) -> String? {
        if case .text(let name)? = params["dataset"] { return name }
        guard let dataset else { return nil }
        if let source = dataset.source {
            return source.hasPrefix("builtin:") ? String(source.dropFirst("builtin:".count)) : source
        }
        return dataset.name
    }

    static func text(_ value: ParamValue) -> String {
        switch value {
        case .real(let value): NumberFormatting.exact(value)
        default: value.description
        }
    }

    /// Single-quotes a word the shell would otherwise split or expand, as
    /// the sweep's reproducing commands do.
    static func quoted(_ word: String) -> String {
        ShellQuoting.quote(word)
    }
}

extension ParamValue {
    var isBool: Bool {
        if case .bool = self { return true }
        return false
    }
}
