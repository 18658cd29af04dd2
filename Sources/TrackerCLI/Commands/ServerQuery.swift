import PostgreSQL
import TrackerStore

/// `tracker sql` on a PostgreSQL store: the same promises as on a file, kept
/// by the server. Without `--write` the statement runs in a READ ONLY
/// transaction, which refuses every write (SQLSTATE 25006); the statement
/// timeout is `statement_timeout`, set for that transaction alone; a
/// prepared statement holds exactly one SQL command, so a script is refused.
///
/// libpq hands over a result whole, so rows are printed once the statement
/// has finished; the timeout bounds how long that takes. The server's role
/// decides what else the statement may reach (server files need a
/// superuser or pg_write_server_files): give readers a role without them.
enum ServerQuery {
    static func run(
        _ query: String, url: String, allowWrites: Bool, timeoutSeconds seconds: Double, format: OutputFormat,
        context: CommandContext
    ) throws {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        // As a missing file is refused: a mistyped search_path would
        // otherwise answer "relation does not exist" for every table.
        guard try connection.scalar("SELECT current_schema()", as: String?.self) ?? nil != nil else {
            throw StoreError.noSchema(database: connection.redactedURL)
        }
        let milliseconds = seconds > 0 ? String(max(Int((seconds * 1000).rounded(.up)), 1)) : "0"
        let body = { () throws -> PostgresResult in
            // The transaction's first query: after it, the statement cannot
            // switch the transaction to READ WRITE either (25001).
            try connection.execute("SELECT set_config('statement_timeout', $1, true)", milliseconds)
            return try connection.query(query, [])
        }
        let result: PostgresResult
        do {
            result = allowWrites ? try connection.transaction(.readCommitted, body) : try connection.readOnlyTransaction(body)
        } catch let error as PostgresError where error.message.contains("cannot insert multiple commands into a prepared statement") {
            throw UsageError.invalid("The query holds more than one SQL statement; give one at a time (run 'tracker sql' once per statement).")
        } catch let error as PostgresError where error.sqlState == "25006" && !allowWrites {
            throw readOnlyFailure
        } catch let error as PostgresError where error.sqlState == "57014" {
            throw CommandFailure("the query ran longer than \(seconds.formatted()) s and was stopped; narrow it (WHERE, LIMIT) or raise --timeout")
        }
        if result.columnCount == 0 {
            context.print("\(result.affectedRowCount) row(s) changed.")
            return
        }
        try printRows(of: result, as: format, context: context)
    }

    static let readOnlyFailure = CommandFailure(
        "'tracker sql' only reads (a read-only transaction on PostgreSQL), and this statement would change the database; "
            + "pass --write to change data")

    static func printRows(of result: PostgresResult, as format: OutputFormat, context: CommandContext) throws {
        let columns = result.columnNames
        guard let writer = StreamingTableWriter(format: format, columns: columns, write: context.console.writeOut) else {
            guard result.rowCount <= SQLCommand.tableRowLimit else {
                throw CommandFailure(
                    "the result has more than \(SQLCommand.tableRowLimit) rows, too many to align as a table; use --format csv or jsonl or add LIMIT")
            }
            var table = DataTable(columns: columns)
            for index in 0..<result.rowCount { table.append(try cells(result[index], count: columns.count)) }
            context.print(table, as: format)
            return
        }
        for index in 0..<result.rowCount { writer.append(try cells(result[index], count: columns.count)) }
        writer.finish()
    }

    private static func cells(_ row: PostgresRow, count: Int) throws -> [Cell] {
        try (0..<count).map { try ServerCell.cell(row, column: $0) }
    }
}
