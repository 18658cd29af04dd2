import Foundation

/// Where a command's text goes: stdout for results and help, stderr for
/// errors, prompts and progress. Tests substitute closures that capture.
public struct Console {
    public var writeOut: (String) -> Void
    public var writeError: (String) -> Void
    /// One line from stdin without its newline; `nil` at end of input.
    public var readLine: () -> String?

    public init(
        writeOut: @escaping (String) -> Void,
        writeError: @escaping (String) -> Void,
        readLine: @escaping () -> String? = { nil }
    ) {
        self.writeOut = writeOut
        self.writeError = writeError
        self.readLine = readLine
    }

    public static func standard() -> Console {
        Console(
            writeOut: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            readLine: { Swift.readLine(strippingNewline: true) })
    }
}
