import Foundation
import SQLite

/// `tracker sql "QUERY"`: ad-hoc SQL over the database, printed like every
/// other table. Read-only unless `--write`: the connection itself is opened
/// read-only, so no query can change the data by accident.
public enum SQLCommand: Command {
    public static let spec = CommandSpec(
        name: "sql",
        abstract: "Run one SQL statement on the database and print its rows.",
        discussion: """
            The connection is read-only unless --write is given. The views run_overview \
            and metric_history are the friendliest place to start.
            """,
        options: [
            CommonOptions.database,
            CommonOptions.format(),
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
        let query = arguments.string("query") ?? ""
        guard !query.allSatisfy(\.isWhitespace) else { throw UsageError.invalid("The query is empty; give one SQL statement.") }
        try DatabaseFile.requireExisting(path)
        let database = try Database(path: path, mode: allowWrites ? .readWrite : .readOnly)
        defer { database.close() }
        let table: DataTable
        do {
            table = try rows(of: query, in: database)
        } catch let error as SQLiteError where error.isReadOnly && !allowWrites {
            throw CommandFailure("'tracker sql' is read-only and this statement writes; pass --write to allow it")
        }
        if table.columns.isEmpty {
            context.print("\(database.changes) row(s) changed.")
        } else {
            context.print(table, as: format)
        }
    }

    static func rows(of query: String, in database: Database) throws -> DataTable {
        let statement = try database.prepare(query)
        var table = DataTable(columns: statement.columnNames)
        let columnCount = Int32(statement.columnCount)
        while try statement.step() {
            table.append((0..<columnCount).map { Cell(statement.value(at: $0)) })
        }
        return table
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
