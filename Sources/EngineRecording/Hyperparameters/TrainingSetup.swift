/// Everything one `tracker train` asks for, built from the hyperparameter
/// table (`Hyperparameters`): the data, the engine's configuration and the
/// run's labels. Nothing here has touched data or a database yet.
public struct TrainingSetup: Sendable {
    public var data = DataRequest(dataset: "")
    public var configuration = TrainingConfiguration()
    public var name: String?
    public var group: String?
    public var tags: [String] = []
    public var notes: String?
    /// Print no progress (`--quiet`): a choice of the command, kept with the
    /// rest so that every `tracker train` option lands in one value.
    public var quiet = false

    public init() {}

    /// The setup the given options describe: each entry of the table, in
    /// order, applied to its given text, else to its default; then the
    /// checks that span several options and the configuration's own.
    ///
    /// - Parameter given: param key to the texts given for it; a flag that
    ///   is set maps to an empty list.
    public init(_ given: [String: [String]]) throws(HyperparameterError) {
        self.init()
        for key in given.keys where Hyperparameters.named(key) == nil {
            throw .unknown(key: key)
        }
        for entry in Hyperparameters.all {
            if let texts = given[entry.key] {
                if entry.isFlag {
                    try entry.apply(&self, "")
                } else {
                    for text in texts { try entry.apply(&self, text) }
                }
            } else if let standard = entry.defaultText {
                try entry.apply(&self, standard)
            }
        }
        // The early-stopping entries skip themselves without a patience; named, they were meant.
        let stoppingKeys = ["monitor", "min_delta"].filter { given[$0] != nil }
        if configuration.earlyStopping == nil, !stoppingKeys.isEmpty {
            throw .needsOther(keys: ["monitor", "min_delta"], purpose: "configure early stopping", other: "early_stop", example: "20")
        }
        do {
            try configuration.validate()
        } catch {
            throw .configuration(error)
        }
    }

    /// The params a run with this setup records: every entry that stores
    /// one, under its key. Facts of the data and the model (`train_rows`,
    /// `parameters`) are the recorder's to add.
    public var params: [String: ParamValue] {
        var params: [String: ParamValue] = [:]
        for entry in Hyperparameters.all {
            if let value = entry.record(self) { params[entry.key] = value }
        }
        return params
    }
}
