import Training
import EngineRecording

/// Why a recorded run's checkpoint or data cannot be read back. Options are
/// named by key (`kind`, `dataset`); `description(flag:)` lets the CLI write
/// them as its flags, plain `description` writes `--` and the key.
public enum StoredRunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No run has this name, and it is not a run id either.
    case noRun(reference: String)
    /// The run has no checkpoint of `kind`; `available` lists the kinds it has.
    case noCheckpoint(run: String, kind: String, available: [String])
    /// The run's checkpoint exists but does not decode as a model.
    case unreadableCheckpoint(run: String, kind: String, reason: String)
    /// The checkpoint's bytes hold another epoch than its row says: the
    /// database is inconsistent, so the weights are not used under that label.
    case checkpointEpochMismatch(run: String, kind: String, step: Int, found: Int)
    /// The checkpoint holds NaN or infinite weights (the run diverged).
    case nonFiniteWeights(run: String, kind: String, step: Int)
    /// A run logged without a `dataset` param (by a script) cannot have its data rebuilt.
    case noDatasetParam(run: String)
    /// A recorded data param does not read back as the option's value.
    case unreadableParams(run: String, HyperparameterError)
    case unrebuildableData(run: String, DataError)
    /// The data at `path` now has other content than the version the run was trained on.
    case dataChanged(run: String, path: String, dataset: String, version: Int, fingerprint: String)

    public var description: String {
        description(flag: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
    }

    /// The message with each option key written by `flag`.
    public func description(flag: (String) -> String) -> String {
        switch self {
        case .noRun(let reference):
            "no run named '\(reference)'; list runs with 'tracker runs' or give a run id"
        case let .noCheckpoint(run, kind, available):
            "run '\(run)' has no \(kind) checkpoint ("
                + (available.isEmpty ? "it has none" : "it has: " + available.joined(separator: ", "))
                + "); choose another \(flag("kind"))"
        case let .unreadableCheckpoint(run, kind, reason):
            "the \(kind) checkpoint of run '\(run)' cannot be read: \(reason)"
        case let .checkpointEpochMismatch(run, kind, step, found):
            "the \(kind) checkpoint (epoch \(step)) of run '\(run)' holds the weights of epoch \(found); "
                + "the database is inconsistent, so it is not used; choose another \(flag("kind"))"
        case let .nonFiniteWeights(run, kind, step):
            "the \(kind) checkpoint (epoch \(step)) of run '\(run)' has non-finite weights (NaN or infinity); "
                + "the run diverged; use another \(flag("kind")) or train again"
        case .noDatasetParam(let run):
            "run '\(run)' records no 'dataset' param, so its data cannot be rebuilt; give \(flag("dataset")) PATH.csv"
        case let .unreadableParams(run, error):
            "cannot rebuild the data of run '\(run)': \(error)"
        case let .unrebuildableData(run, error):
            "cannot rebuild the data of run '\(run)': \(error.description(flag: flag))"
        case let .dataChanged(run, path, dataset, version, fingerprint):
            "the data at '\(path)' is not the version run '\(run)' was trained on "
                + "(\(dataset) v\(version), fingerprint \(fingerprint.prefix(12))); "
                + "restore that file, or evaluate on the new data with \(flag("dataset")) PATH.csv"
        }
    }
}
