/// Why something outside the engine stopped a run after an epoch.
public enum ExternalStop: Sendable, Equatable {
    /// Ctrl-C or task cancellation: the run ends killed.
    case interrupted
    /// A sweep's pruner: the run ends pruned.
    case pruned
}
