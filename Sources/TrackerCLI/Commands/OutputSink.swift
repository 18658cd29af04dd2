import Foundation

/// Standard output, or a file that `-o` names.
final class OutputSink {
    let path: String?
    private let handle: FileHandle?
    private let context: CommandContext

    init(path: String?, sparing database: String, context: CommandContext) throws {
        self.path = path
        self.context = context
        guard let path else {
            handle = nil
            return
        }
        handle = try OutputFile.openForWriting(path, sparing: database)
    }

    func write(_ text: String) {
        if let handle { handle.write(Data(text.utf8)) } else { context.console.writeOut(text) }
    }

    func close() {
        try? handle?.close()
    }
}
