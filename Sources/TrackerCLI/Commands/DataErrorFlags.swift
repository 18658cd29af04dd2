import EngineRecording

extension DataError {
    /// The engine's message with each option key written as the flag the
    /// hyperparameter table gives it (`data_noise` is `--data-noise`).
    var commandLineMessage: String {
        description(flag: Hyperparameters.displayFlag)
    }
}
