import TrackerKit

/// Options every data command shares, declared once so they read the same
/// everywhere.
public enum CommonOptions {
    public static let defaultDatabasePath = DatabaseLocation.defaultPath
    public static let databaseEnvironmentVariable = DatabaseLocation.environmentVariable

    public static let database = OptionSpec(
        "db", valueName: "path",
        help: "The tracker database file, or a server: postgresql://USER@HOST:PORT/DBNAME (password from ~/.pgpass or "
            + "PGPASSWORD); \(databaseEnvironmentVariable) changes the default.",
        defaultValue: defaultDatabasePath)

    public static func format(_ allowed: [OutputFormat] = OutputFormat.dataFormats) -> OptionSpec {
        OptionSpec(
            "format", valueName: OutputFormat.valueName, help: "How to print the results.",
            defaultValue: OutputFormat.table.rawValue, choices: allowed.map(\.rawValue))
    }

    /// `--db` when given, else TRACKER_DB when set and not empty, else
    /// ./tracker.db. An explicit empty `--db` is refused: SQLite would open a
    /// temporary database, train into it and keep nothing.
    public static func databasePath(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) -> String {
        let explicit = arguments.isExplicit(database.name) ? arguments.string(database.name) : nil
        if explicit?.isEmpty == true {
            throw UsageError.invalid("--db is empty; give the database file, e.g. --db tracker.db (or leave --db out for \(defaultDatabasePath))")
        }
        return DatabaseLocation.resolve(explicit: explicit, environment: environment)
    }

    public static func format(_ arguments: ParsedArguments) throws(UsageError) -> OutputFormat {
        try arguments.value("format", as: OutputFormat.self) ?? .table
    }
}
