/// How a command prints data. Every command renders through `render(_:)`, so
/// a table, a CSV file and a JSON document of the same data always agree.
public enum OutputFormat: String, ArgumentChoice {
    /// Aligned columns for people.
    case table
    /// RFC 4180 CSV for spreadsheets and pandas.
    case csv
    /// One JSON array of objects.
    case json
    /// JSON lines: one object per line, for streaming exports.
    case jsonl

    public static var valueName: String { "format" }

    /// What `--format` offers on commands that print data.
    public static let dataFormats: [OutputFormat] = [.table, .csv, .json]

    /// Renders `table`; `width` is the terminal's width, used only by `.table`.
    public func render(_ table: DataTable, width: Int? = nil) -> String {
        switch self {
        case .table: TableRenderer(maximumWidth: width).render(table)
        case .csv: CSVRenderer().render(table)
        case .json: JSONRenderer().render(table)
        case .jsonl: JSONRenderer().renderLines(table)
        }
    }
}
