/// What one push did.
public struct RunTransferSummary: Sendable, Equatable {
    /// Runs the target did not have, now copied.
    public var pushed = 0
    /// Runs the target held in an older state (crashed, killed or running
    /// there, ended since in the source), now replaced by the source's.
    public var updated = 0
    /// Metric points written (of pushed and updated runs).
    public var points = 0
    /// Checkpoints written; their bytes are stored once per content.
    public var checkpoints = 0
    /// Runs the target already had, as they are in the source.
    public var skipped = 0
    /// Runs still running in the source (alive, by crash detection): not
    /// pushed; a push after they end copies them.
    public var stillRunning: [String] = []
    /// Runs not pushed for a reason the user should see, one line each.
    public var warnings: [String] = []

    public init() {}
}

/// Where a push is: after each run, copied or not.
public struct RunTransferProgress: Sendable, Equatable {
    /// Runs looked at so far, of `total`.
    public var done: Int
    public var total: Int
    /// Points written so far.
    public var points: Int
}
