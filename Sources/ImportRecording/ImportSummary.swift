/// What one import did, run by run and in total.
public struct ImportSummary: Sendable, Equatable {
    public var runsCreated = 0
    /// Runs imported before that gained points or changed status.
    public var runsUpdated = 0
    /// Runs imported before with nothing new.
    public var runsUnchanged = 0
    public var pointsAdded = 0
    /// NaN points the store's rule keeps out (a NaN is a divergence, not a value).
    public var nanPointsSkipped = 0
    /// One line each, naming the run and, for a corrupt file, the file and offset.
    public var warnings: [String] = []

    public init() {}

    public var runsRead: Int { runsCreated + runsUpdated + runsUnchanged }
}

/// What importing one run did.
public enum ImportOutcome: String, Sendable, Equatable {
    case created, updated, unchanged
}
