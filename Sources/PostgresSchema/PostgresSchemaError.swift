/// Errors of the PostgreSQL migrator's own making; the server's arrive as
/// `PostgresError`. Each description is one line naming the problem and the fix.
public enum PostgresSchemaError: Error, Equatable, CustomStringConvertible {
    /// The schema was migrated by a newer tracker.
    case schemaTooNew(database: String, schema: String, found: Int, known: Int)
    /// The schema holds tables but no schema_migrations: someone else's data.
    case notATrackerSchema(database: String, schema: String)

    public var description: String {
        switch self {
        case let .schemaTooNew(database, schema, found, known):
            "schema \(schema) of \(database) has tracker schema version \(found), but this tracker knows versions up to \(known); upgrade tracker to open it"
        case let .notATrackerSchema(database, schema):
            "schema \(schema) of \(database) has tables but no schema_migrations, so it is not a tracker store; "
                + "use another database, or another schema (options=-csearch_path=NAME in the URL)"
        }
    }
}
