/// Options every data command shares, declared once so they read the same
/// everywhere.
public enum CommonOptions {
    public static let defaultDatabasePath = "./tracker.db"
    public static let databaseEnvironmentVariable = "TRACKER_DB"

    public static let database = OptionSpec(
        "db", valueName: "path",
        help: "The tracker database file; the \(databaseEnvironmentVariable) environment variable changes the default.",
        defaultValue: defaultDatabasePath)

    public static func format(_ allowed: [OutputFormat] = OutputFormat.dataFormats) -> OptionSpec {
        OptionSpec(
            "format", valueName: OutputFormat.valueName, help: "How to print the results.",
            defaultValue: OutputFormat.table.rawValue, choices: allowed.map(\.rawValue))
    }

    /// `--db` when given, else TRACKER_DB when set, else ./tracker.db.
    public static func databasePath(_ arguments: ParsedArguments, environment: [String: String]) -> String {
        if arguments.isExplicit(database.name), let path = arguments.string(database.name) { return path }
        if let path = environment[databaseEnvironmentVariable], !path.isEmpty { return path }
        return defaultDatabasePath
    }

    public static func format(_ arguments: ParsedArguments) throws(UsageError) -> OutputFormat {
        try arguments.value("format", as: OutputFormat.self) ?? .table
    }
}
