import SQLite
import TrackerStore

/// `tracker init`: create a database or bring its schema up to date.
public enum InitCommand: Command {
    public static let spec = CommandSpec(
        name: "init",
        abstract: "Create a tracker database, or bring an existing one's schema up to date.",
        discussion: """
            Safe to run again: only migrations the database has not seen are applied, \
            each in its own transaction. A database written by a newer tracker is refused \
            and left untouched.
            """,
        options: [CommonOptions.database],
        examples: [
            Example("tracker init", "Create ./tracker.db (or the file TRACKER_DB names)."),
            Example("tracker init --db experiments.db", "Create or migrate experiments.db."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let database = try Database(path: path)
        defer { database.close() }
        let migrator = Migrator()
        let applied = try migrator.migrate(database)
        if applied.isEmpty {
            context.print("\(path) is up to date (schema version \(migrator.latestVersion)).")
        } else {
            let versions = applied.map(String.init).joined(separator: ", ")
            context.print("\(path): schema version \(migrator.latestVersion) (applied migrations \(versions)).")
        }
    }
}
