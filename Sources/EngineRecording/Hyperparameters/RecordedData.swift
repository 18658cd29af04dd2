import Plots
import TrackerStore

extension DataRequest {
    /// The data request a run was trained with, read back from its recorded
    /// params through the table's data entries: each recorded value is
    /// applied as if typed, an entry the run did not record gets its default.
    /// Nil when the run records no text `dataset` (a run logged by a script).
    ///
    /// Going through the table keeps this in step with `tracker train`: a new
    /// data option that records a param is read back without a change here.
    public init?(recordedParams params: [String: ParamValue]) throws(HyperparameterError) {
        guard case .text? = params["dataset"] else { return nil }
        var setup = TrainingSetup()
        for entry in Hyperparameters.all where entry.group == .data {
            if let value = params[entry.key] {
                if entry.isFlag {
                    if (value.number ?? 0) != 0 { try entry.apply(&setup, "") }
                } else {
                    try entry.apply(&setup, Self.typedText(value))
                }
            } else if let standard = entry.defaultText {
                try entry.apply(&setup, standard)
            }
        }
        self = setup.data
    }

    /// A recorded value as a user would type it: reals exactly, so that they read back bit for bit.
    private static func typedText(_ value: ParamValue) -> String {
        if case .real(let number) = value { return NumberFormatting.exact(number) }
        return value.description
    }
}
