import Foundation
import SQLite

/// `tracker sql "QUERY"`: ad-hoc SQL over the database, printed like every
/// other table. Read-only unless `--write`: the connection itself is opened
/// read-only, so no query can change the data by accident.
public enum SQLCommand: Command {
    static let timeout = OptionSpec(
        "timeout", valueName: "seconds",
        help: "Stop a query that runs longer than this (0: no limit).", defaultValue: "120")
    /// What SQLite may allocate for one query: a runaway recursive CTE or a
    /// sort of everything ends with a clear error instead of exhausting memory.
    static let heapLimitBytes: Int64 = 1 << 30
    /// Rows a `--format table` result may have: a table is aligned, so all
    /// its rows are held; the other formats stream.
    static let tableRowLimit = 10_000

    public static let spec = CommandSpec(
        name: "sql",
        abstract: "Run one SQL statement on the database and print its rows.",
        discussion: """
            The connection is read-only unless --write is given: no statement can change the \
            database or create a file (ATTACH, VACUUM INTO, pragmas that set something and \
            load_extension are refused). On a PostgreSQL store (--db postgresql://...) the \
            statement runs in a read-only transaction with statement_timeout set to --timeout, \
            and its rows print once it has finished. Rows are printed as they are read (csv, json, jsonl); \
            a table holds at most \(tableRowLimit) rows. A query ends after --timeout seconds, on \
            Ctrl-C, or when it needs more than \(heapLimitBytes >> 20) MB of memory. The views \
            run_overview and metric_history are the friendliest place to start.
            """,
        options: [
            CommonOptions.database,
            CommonOptions.format(),
            timeout,
            .flag("write", help: "Allow statements that change the database."),
        ],
        positionals: [PositionalSpec("query", help: "One SQL statement; quote it for the shell.")],
        examples: [
            Example("tracker sql \"SELECT name, status FROM runs ORDER BY id DESC LIMIT 5\"", "The five newest runs."),
            Example("tracker sql --format csv \"SELECT * FROM metric_history\" > history.csv", "Every metric point as CSV."),
        ])

    public static func run(_ arguments: ParsedArguments, context: CommandContext) throws {
        let path = try CommonOptions.databasePath(arguments, environment: context.environment)
        let format = try CommonOptions.format(arguments)
        let allowWrites = arguments.isSet("write")
        let seconds = try arguments.value(timeout.name, as: Double.self, in: ValueRange(lower: (0, true), upper: nil)) ?? 120
        let query = arguments.string("query") ?? ""
        guard !query.allSatisfy(\.isWhitespace) else { throw UsageError.invalid("The query is empty; give one SQL statement.") }
        if DatabaseName.isServer(path) {
            try ServerQuery.run(query, url: path, allowWrites: allowWrites, timeoutSeconds: seconds, format: format, context: context)
            return
        }
        try DatabaseFile.requireExisting(path)
        let database = try Database(path: path, mode: allowWrites ? .readWrite : .readOnly)
        defer { database.close() }
        if !allowWrites { try database.restrictToReading() }
        let previousHeapLimit = Database.limitHeap(toBytes: heapLimitBytes)
        defer { Database.limitHeap(toBytes: previousHeapLimit) }
        Interrupt.install()
        defer { Interrupt.uninstall() }
        let deadline = seconds > 0 ? Self.now() + seconds : .infinity
        try database.setProgressHandler { Interrupt.wasRequested || Self.now() > deadline }

        let statement: Statement
        do {
            statement = try allowWrites ? database.prepare(query) : database.prepareForReading(query)
        } catch let error as SQLiteError where error.isMultipleStatements {
            throw UsageError.invalid("The query holds more than one SQL statement; give one at a time (run 'tracker sql' once per statement).")
        } catch let error as SQLiteError where error.isRefusedForReading {
            throw readOnlyFailure
        }
        do {
            try printRows(of: statement, as: format, context: context)
        } catch let error as SQLiteError where error.isInterrupted {
            if Interrupt.wasRequested { throw CommandInterrupted("Query interrupted.") }
            throw CommandFailure("the query ran longer than \(seconds.formatted()) s and was stopped; narrow it (WHERE, LIMIT) or raise --timeout")
        } catch let error as SQLiteError where error.isOutOfMemory {
            throw CommandFailure("the query needed more than \(heapLimitBytes >> 20) MB of memory and was stopped; narrow it (WHERE, LIMIT)")
        } catch let error as SQLiteError where !allowWrites && (error.isReadOnly || database.readingAuthorizerRefused) {
            throw readOnlyFailure
        }
        if statement.columnCount == 0 {
            context.print("\(database.changes) row(s) changed.")
        }
    }

    static let readOnlyFailure = CommandFailure(
        "'tracker sql' only reads, and this statement would change the database or reach a file "
            + "(writes, ATTACH, VACUUM, pragmas that set something, load_extension); pass --write to change data")

    /// Prints rows as they are stepped: csv, json and jsonl stream in
    /// constant memory; a table holds its rows (at most `tableRowLimit`) to align them.
    static func printRows(of statement: Statement, as format: OutputFormat, context: CommandContext) throws {
        let columnCount = Int32(statement.columnCount)
        guard columnCount > 0 else {
            while try statement.step() {}
            return
        }
        guard let writer = StreamingTableWriter(format: format, columns: statement.columnNames, write: context.console.writeOut) else {
            var table = DataTable(columns: statement.columnNames)
            while try statement.step() {
                guard table.rows.count < tableRowLimit else {
                    throw CommandFailure(
                        "the result has more than \(tableRowLimit) rows, too many to align as a table; use --format csv or jsonl (they stream) or add LIMIT")
                }
                table.append((0..<columnCount).map { Cell(statement.value(at: $0)) })
            }
            context.print(table, as: format)
            return
        }
        while try statement.step() {
            writer.append((0..<columnCount).map { Cell(statement.value(at: $0)) })
        }
        writer.finish()
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}

extension Cell {
    init(_ value: SQLiteValue) {
        switch value {
        case .null: self = .null
        case .integer(let value): self = .integer(value)
        case .real(let value): self = .real(value)
        case .text(let value): self = .text(value)
        case .blob(let bytes): self = .text("<\(bytes.count) bytes>")
        }
    }
}
