/// Where a run is in its life; the values the `runs.status` CHECK allows.
public enum RunStatus: String, Sendable, CaseIterable, Codable {
    case running, finished, failed, crashed, killed, pruned

    public init(parsing text: String) throws {
        guard let status = RunStatus(rawValue: text.lowercased()) else {
            throw StoreError.invalidArgument(
                "unknown run status '\(text)'; use one of \(RunStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = status
    }
}

/// Why a run ended (named apart from the engine's `StopReason`, which says why
/// training stopped and carries details the table has no column for); the values the `runs.stop_reason` CHECK allows.
public enum RunStopReason: String, Sendable, CaseIterable, Codable {
    case completed
    case earlyStopping = "early_stopping"
    case diverged, interrupted, pruned, error, crashed
}
