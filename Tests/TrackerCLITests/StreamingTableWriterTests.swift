import Foundation
import Testing
@testable import TrackerCLI

@Suite struct StreamingTableWriterTests {
    private let rows: [[Cell]] = (0..<500).map { step in
        [.text("run \"\(step % 3)\""), .int(step), .real(Double(step) / 7), step % 5 == 0 ? .null : .bool(step % 2 == 0)]
    }
    private let columns = ["run", "step", "value", "flag"]

    private func streamed(_ format: OutputFormat, chunkSize: Int) -> (text: String, chunks: Int) {
        let out = CapturedText()
        var chunks = 0
        let writer = StreamingTableWriter(format: format, columns: columns, chunkSize: chunkSize) {
            out.text += $0
            chunks += 1
        }!
        for row in rows { writer.append(row) }
        writer.finish()
        return (out.text, chunks)
    }

    @Test(arguments: [OutputFormat.csv, .json, .jsonl])
    func streamingWritesExactlyWhatTheRendererWrites(format: OutputFormat) {
        let table = DataTable(columns: columns, rows: rows)
        let (text, chunks) = streamed(format, chunkSize: 1024)
        #expect(text == format.render(table))
        #expect(chunks > 5)
    }

    @Test func anEmptyStreamIsAValidDocument() throws {
        let out = CapturedText()
        let writer = try #require(StreamingTableWriter(format: .json, columns: columns) { out.text += $0 })
        writer.finish()
        #expect(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [Any] != nil)
    }

    @Test func tablesCannotStream() {
        #expect(StreamingTableWriter(format: .table, columns: columns, write: { _ in }) == nil)
    }
}
