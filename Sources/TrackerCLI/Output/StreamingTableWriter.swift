/// Writes rows as they come, for exports too large to hold as one table
/// (a metric history of millions of points). Same cell formatting as the
/// renderers; output is handed on in chunks of about `chunkSize` characters.
public final class StreamingTableWriter {
    public let format: OutputFormat
    public let columns: [String]
    private let write: (String) -> Void
    private let chunkSize: Int
    private var buffer = ""
    private var rowsWritten = 0
    private var finished = false
    private let jsonKeys: [String]

    /// `nil` for `.table`, which needs every row to align its columns.
    public init?(format: OutputFormat, columns: [String], chunkSize: Int = 1 << 16, write: @escaping (String) -> Void) {
        self.format = format
        self.columns = columns
        self.write = write
        self.chunkSize = chunkSize
        self.jsonKeys = columns.map(JSONRenderer.string)
        switch format {
        case .table: return nil
        case .csv: buffer = columns.map(CSVRenderer.quoted).joined(separator: ",") + "\n"
        case .json: buffer = "["
        case .jsonl: break
        }
    }

    public func append(_ row: [Cell]) {
        precondition(!finished, "rows appended after finish()")
        precondition(row.count == columns.count, "a row has \(row.count) cells for \(columns.count) columns")
        switch format {
        case .table:
            preconditionFailure("tables do not stream")
        case .csv:
            // Field by field into the buffer: no array or joined string per row.
            for (index, cell) in row.enumerated() {
                if index > 0 { buffer += "," }
                buffer += cell.isNumber ? CSVRenderer.text(cell) : CSVRenderer.quoted(CSVRenderer.text(cell))
            }
            buffer += "\n"
        case .json:
            buffer += (rowsWritten == 0 ? "\n  " : ",\n  ") + object(row)
        case .jsonl:
            buffer += object(row) + "\n"
        }
        rowsWritten += 1
        if buffer.utf8.count >= chunkSize { flush() }
    }

    /// Closes the document (the JSON array) and hands on what is left.
    public func finish() {
        guard !finished else { return }
        finished = true
        if format == .json { buffer += rowsWritten == 0 ? "]\n" : "\n]\n" }
        flush()
    }

    private func object(_ row: [Cell]) -> String {
        "{" + zip(jsonKeys, row).map { $0 + ": " + JSONRenderer.value($1) }.joined(separator: ", ") + "}"
    }

    private func flush() {
        guard !buffer.isEmpty else { return }
        write(buffer)
        buffer = ""
    }
}
