/// Cuts a byte stream (a pipe read in arbitrary chunks) into lines.
///
/// Splits on "\n" and drops a "\r" before it. A line longer than
/// `maximumLineBytes` (1 MiB unless told) is reported as `.tooLong` with
/// its full length once its end arrives; its bytes are dropped as they come,
/// so a 10 MB line costs no 10 MB buffer. Bytes are not interpreted: UTF-8
/// checks belong to the decoder.
public struct LineSplitter: Sendable {
    public static let defaultMaximumLineBytes = 1 << 20

    public let maximumLineBytes: Int
    /// Lines completed so far.
    public private(set) var lineCount = 0
    private var current: CappedLine

    public init(maximumLineBytes: Int = LineSplitter.defaultMaximumLineBytes) {
        self.maximumLineBytes = maximumLineBytes
        current = CappedLine(limit: maximumLineBytes)
    }

    /// Feeds a chunk; `emit` receives each line it completes, in order.
    public mutating func append(_ chunk: ArraySlice<UInt8>, _ emit: (FramedLine) -> Void) {
        var rest = chunk
        while let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
            current.append(rest[rest.startIndex..<newline])
            lineCount += 1
            emit(current.take(number: lineCount))
            rest = rest[(newline + 1)...]
        }
        current.append(rest)
    }

    /// The stream ended: a last line without "\n" still counts.
    public mutating func finish(_ emit: (FramedLine) -> Void) {
        guard current.byteCount > 0 else { return }
        lineCount += 1
        emit(current.take(number: lineCount))
    }
}
