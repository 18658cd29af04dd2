import Analysis
import EngineRecording

extension StoredRunError {
    /// The message with each option key written as the CLI's flag.
    var commandLineMessage: String {
        description(flag: Hyperparameters.displayFlag)
    }
}
