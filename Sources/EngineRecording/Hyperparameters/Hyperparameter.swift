/// One `tracker train` option, described once: the param key it is stored
/// under, the flag typed for it, its help, default and help section, how a
/// sweep may vary it, how its text changes a `TrainingSetup`, and what a
/// run records for it. `Hyperparameters.all` is the list of them.
public struct Hyperparameter: Sendable {
    /// How `tracker sweep` may give the option.
    public enum SweepSyntax: Sendable, Equatable {
        /// Not at all: the sweep sets it itself (`seed`, `name`) or it repeats (`tag`).
        case notSwept
        /// Alternatives separated by `,` or `|`, or a range `LO:HI[:log][:int]`.
        case list
        /// The value is itself a comma list (`--hidden 64,64`): alternatives by `|` only.
        case barList
    }

    /// The help sections, in the order help shows them.
    public enum Group: String, Sendable, CaseIterable {
        case data = "Data", model = "Model", optimization = "Optimization", regularization = "Regularization", run = "Run"
    }

    /// The key of `params` (`batch_size`), and the name sweeps and analysis use.
    public let key: String
    /// The long flag without dashes: the key with dashes for underscores
    /// unless an entry says otherwise.
    public let flag: String
    public let short: Character?
    /// `<valueName>` in help; nil for a flag that takes no value.
    public let valueName: String?
    public let help: String
    /// As a user would type it; applied like typed text when the option is absent.
    public let defaultText: String?
    /// The accepted values of an enumeration, for help and errors.
    public let choices: [String]?
    public let group: Group
    public let isRequired: Bool
    public let isRepeatable: Bool
    public let sweep: SweepSyntax
    /// Converts and checks one given text (empty for a flag) into the setup.
    public let apply: @Sendable (inout TrainingSetup, String) throws(HyperparameterError) -> Void
    /// The stored param, nil when the run records none for this option.
    public let record: @Sendable (TrainingSetup) -> ParamValue?

    public var isFlag: Bool { valueName == nil }

    init(
        _ key: String, flag: String? = nil, short: Character? = nil, _ group: Group, valueName: String?, help: String,
        default defaultText: String? = nil, choices: [String]? = nil, isRequired: Bool = false, isRepeatable: Bool = false,
        sweep: SweepSyntax = .list,
        apply: @escaping @Sendable (inout TrainingSetup, String) throws(HyperparameterError) -> Void,
        record: @escaping @Sendable (TrainingSetup) -> ParamValue?
    ) {
        self.key = key
        self.flag = flag ?? key.replacingOccurrences(of: "_", with: "-")
        self.short = short
        self.valueName = valueName
        self.help = help
        self.defaultText = defaultText
        self.choices = choices
        self.group = group
        self.isRequired = isRequired
        self.isRepeatable = isRepeatable
        self.sweep = sweep
        self.apply = apply
        self.record = record
    }
}
