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
            writeOut: { text in write(text, to: .standardOutput) },
            writeError: { text in write(text, to: .standardError) },
            readLine: { Swift.readLine(strippingNewline: true) })
    }

    /// Writes the string's own bytes, without copying them into a `Data`
    /// first (a comparison of 10,000 runs is more than a megabyte of text).
    private static func write(_ text: String, to handle: FileHandle) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            handle.write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
        }
    }
}
