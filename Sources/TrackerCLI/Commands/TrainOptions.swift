import EngineRecording

/// The options of `tracker train`: the hyperparameter table's entries as
/// option specs, in its order and help sections, then `--db`. Add an option
/// to `Hyperparameters`, not here.
public enum TrainOptions {
    static let all: [OptionSpec] = Hyperparameters.all.map(OptionSpec.init(hyperparameter:)) + [CommonOptions.database]

    /// The spec of one table entry, by param key.
    static func spec(_ key: String) -> OptionSpec {
        OptionSpec(hyperparameter: Hyperparameters.named(key)!)
    }
}

extension OptionSpec {
    /// The option a table entry is typed as: its flag, help, default, choices and section.
    init(hyperparameter entry: Hyperparameter) {
        if let valueName = entry.valueName {
            self.init(
                entry.flag, short: entry.short, valueName: valueName, help: entry.help, defaultValue: entry.defaultText,
                choices: entry.choices, isRepeatable: entry.isRepeatable, isRequired: entry.isRequired)
        } else {
            self = .flag(entry.flag, short: entry.short, help: entry.help)
        }
        group = entry.group.rawValue
    }
}
