import TrackerStore

/// One next experiment: a change to a run's params and why.
public struct Recommendation: Sendable, Equatable {
    public var title: String
    public var reason: String
    /// Params to set; a nil value removes the param (back to its default).
    public var changes: [String: ParamValue?]

    public init(title: String, reason: String, changes: [String: ParamValue?]) {
        self.title = title
        self.reason = reason
        self.changes = changes
    }
}
