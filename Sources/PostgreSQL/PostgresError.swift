/// The one error the PostgreSQL layer throws.
///
/// It carries the server's SQLSTATE, its primary message and detail, and the
/// SQL that failed; the description reads
///
///     PostgreSQL error 23505 (unique_violation): duplicate key value violates unique constraint "runs_name_key" - while executing `INSERT INTO runs ...`
///
/// Bound values never appear in the description. The server's detail can
/// quote them ("Key (name)=(lr-0.1) already exists."), so it is kept in
/// `detail` for code that wants it and left out of the text that gets logged.
///
/// Errors that the client finds before or without the server (libpq missing,
/// a value that cannot be read as the requested type) have no SQLSTATE;
/// their message is the whole line. A connection that cannot be made or is
/// lost gets SQLSTATE 08001 or 08006, the codes the standard gives those cases.
public struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The five-character SQLSTATE, e.g. "23505"; nil for client-side errors.
    public let sqlState: String?
    /// The server's primary message, or ours.
    public let message: String
    /// The server's detail, which may quote data; not part of `description`.
    public let detail: String?
    /// The SQL being prepared or executed when the error happened.
    public let sql: String?

    public init(sqlState: String?, message: String, detail: String? = nil, sql: String? = nil) {
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.sql = sql
    }

    public var isUniqueViolation: Bool { sqlState == "23505" }
    public var isForeignKeyViolation: Bool { sqlState == "23503" }
    public var isNotNullViolation: Bool { sqlState == "23502" }
    public var isCheckViolation: Bool { sqlState == "23514" }
    /// A serializable or repeatable-read transaction lost to a concurrent one; retry it.
    public var isSerializationFailure: Bool { sqlState == "40001" }
    /// The server broke a deadlock by failing this transaction; retry it.
    public var isDeadlock: Bool { sqlState == "40P01" }
    /// A write in a read-only transaction.
    public var isReadOnlyViolation: Bool { sqlState == "25006" }
    /// The connection could not be made or was lost (SQLSTATE class 08, but
    /// not 08P01, which is a malformed request such as too few values), or
    /// the server is shutting down (57P01-57P03).
    public var isConnectionFailure: Bool {
        guard let sqlState else { return false }
        return (sqlState.hasPrefix("08") && sqlState != "08P01") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }
    /// Found by this client, not reported by the server.
    public var isClientError: Bool { sqlState == nil }

    /// The condition name of the SQLSTATE, from PostgreSQL's appendix A, for
    /// the codes this project meets; nil for the others.
    public var conditionName: String? { sqlState.flatMap { Self.conditionNames[$0] } }

    public var description: String {
        var text: String
        if let sqlState {
            text = "PostgreSQL error \(sqlState)"
            if let conditionName { text += " (\(conditionName))" }
            text += ": \(message)"
        } else {
            text = message
        }
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }

    /// A problem this client detects itself.
    static func client(_ message: String, sql: String? = nil) -> PostgresError {
        PostgresError(sqlState: nil, message: message, sql: sql)
    }

    private static let conditionNames: [String: String] = [
        "08000": "connection_exception",
        "08001": "sqlclient_unable_to_establish_sqlconnection",
        "08003": "connection_does_not_exist",
        "08006": "connection_failure",
        "08P01": "protocol_violation",
        "0A000": "feature_not_supported",
        "21000": "cardinality_violation",
        "22001": "string_data_right_truncation",
        "22003": "numeric_value_out_of_range",
        "22007": "invalid_datetime_format",
        "22012": "division_by_zero",
        "22021": "character_not_in_repertoire",
        "22P02": "invalid_text_representation",
        "23502": "not_null_violation",
        "23503": "foreign_key_violation",
        "23505": "unique_violation",
        "23514": "check_violation",
        "25001": "active_sql_transaction",
        "25006": "read_only_sql_transaction",
        "25P01": "no_active_sql_transaction",
        "25P02": "in_failed_sql_transaction",
        "28000": "invalid_authorization_specification",
        "28P01": "invalid_password",
        "3D000": "invalid_catalog_name",
        "3F000": "invalid_schema_name",
        "40001": "serialization_failure",
        "40P01": "deadlock_detected",
        "42501": "insufficient_privilege",
        "42601": "syntax_error",
        "42703": "undefined_column",
        "42704": "undefined_object",
        "42710": "duplicate_object",
        "42804": "datatype_mismatch",
        "42883": "undefined_function",
        "42P01": "undefined_table",
        "42P03": "duplicate_cursor",
        "42P05": "duplicate_prepared_statement",
        "42P06": "duplicate_schema",
        "42P07": "duplicate_table",
        "42P18": "indeterminate_datatype",
        "53300": "too_many_connections",
        "55P03": "lock_not_available",
        "57014": "query_canceled",
        "57P01": "admin_shutdown",
        "57P02": "crash_shutdown",
        "57P03": "cannot_connect_now",
    ]
}
