import PostgreSQL
import PostgresSchema
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
            and left untouched. With --db postgresql://... the store's tables are created in \
            the connection's current schema (the URL's search_path, public by default), which \
            must exist.
            """,
        options: [CommonOptions.database],
        examples: [
            Example("tracker init", "Create ./tracker.db (or the file TRACKER_DB names)."),
            Example("tracker init --db experiments.db", "Create or migrate experiments.db."),
            Example(
                "tracker init --db 'postgresql://me@db.lab:5432/ml?options=-csearch_path%3Dteam'",
                "Create the store in schema team of a PostgreSQL database (password from ~/.pgpass or PGPASSWORD)."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        if DatabaseName.isServer(path) {
            try initializeServer(url: path, context: context)
            return
        }
        let database = try Database(path: path)
        defer { database.close() }
        let migrator = Migrator()
        let applied = try migrator.migrate(database)
        report(applied, latest: migrator.latestVersion, name: path, context: context)
    }

    /// Migrates the URL's current schema. The migrator takes an advisory
    /// lock, so many machines may run this at once.
    static func initializeServer(url: String, context: CommandContext) throws {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        guard let schema = try connection.scalar("SELECT current_schema()", as: String?.self) ?? nil else {
            throw StoreError.noSchema(database: connection.redactedURL)
        }
        let migrator = PostgresMigrator()
        let applied = try migrator.migrate(connection)
        report(applied, latest: migrator.latestVersion, name: "schema \(schema) of \(connection.redactedURL)", context: context)
    }

    private static func report(_ applied: [Int], latest: Int, name: String, context: CommandContext) {
        if applied.isEmpty {
            context.print("\(name) is up to date (schema version \(latest)).")
        } else {
            let versions = applied.map(String.init).joined(separator: ", ")
            context.print("\(name): schema version \(latest) (applied migrations \(versions)).")
        }
    }
}
