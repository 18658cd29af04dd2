/// Where the tracker database is when nobody says: the rule every entry
/// point (this library, `tracker --db`) shares.
public enum DatabaseLocation {
    public static let defaultPath = "./tracker.db"
    public static let environmentVariable = "TRACKER_DB"

    /// `explicit` when given, else `TRACKER_DB` when set and not empty, else `./tracker.db`.
    public static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit { return explicit }
        if let path = environment[environmentVariable], !path.isEmpty { return path }
        return defaultPath
    }
}
