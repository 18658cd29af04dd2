import EngineRecording
import Sweeps

/// Writes the `tracker train` command that repeats a run with some params
/// changed: the run's own params, the change applied, replayed the way
/// `RunParams.trainArguments` does it (option names from keys, flags bare,
/// derived facts such as `train_rows` left out), so the command is one
/// `tracker train` accepts.
struct TrainCommandLine {
    /// Params that describe the run rather than the training; the data set
    /// is written first, from `dataset`.
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
        var arguments: [String] = []
        if let dataset { arguments += ["--dataset", dataset] }
        arguments += Self.omittingDefaults(
            RunParams.trainArguments(from: params.filter { !Self.skippedKeys.contains($0.key) }))
        if let databasePath { arguments += ["--db", DatabaseName.shown(databasePath)] }
        return (["tracker", "train"] + arguments.map(Self.quoted)).joined(separator: " ")
    }

    /// Leaves out `--option value` pairs that repeat `tracker train`'s own
    /// default, so the command shows what this run sets and nothing else.
    static func omittingDefaults(_ arguments: [String]) -> [String] {
        let defaults = Dictionary(
            Hyperparameters.all.compactMap { entry in entry.defaultText.map { (Hyperparameters.displayFlag(entry.key), $0) } },
            uniquingKeysWith: { first, _ in first })
        var kept: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            let value = index + 1 < arguments.count && !arguments[index + 1].hasPrefix("--") ? arguments[index + 1] : nil
            let width = value == nil ? 1 : 2
            if let value, let standard = defaults[word], sameValue(value, standard) {
                index += width
                continue
            }
            kept += arguments[index..<(index + width)]
            index += width
        }
        return kept
    }

    /// Equal as text, or as numbers ("0.0010" and "1e-3").
    private static func sameValue(_ first: String, _ second: String) -> Bool {
        if first == second { return true }
        guard let a = Double(first), let b = Double(second) else { return false }
        return a == b
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

    /// Single-quotes a word the shell would otherwise split or expand, as
    /// the sweep's reproducing commands do.
    static func quoted(_ word: String) -> String {
        ShellQuoting.quote(word)
    }
}
