/// Separates protocol lines (`@tracker {...}`) from the child's own stdout.
///
/// Everything else passes through byte for byte and at once, partial lines
/// too, so tqdm's "\r" progress bars keep drawing. Only the start of a line
/// that could still become "@tracker " (at most 8 bytes) waits for the next
/// byte before it passes. Line numbers count every stdout line, so a report
/// points where the user looks in their own output.
struct StdoutRouter {
    static let prefix = Array("@tracker ".utf8)

    private enum State {
        /// At the start of a line, having matched this many prefix bytes.
        case lineStart(matched: Int)
        /// The rest of an ordinary line.
        case passingThrough
        /// After the prefix, up to "\n".
        case protocolLine
    }

    private var state = State.lineStart(matched: 0)
    private var capture: CappedLine
    /// Completed stdout lines, protocol or not.
    private(set) var lineCount = 0

    init(maximumLineBytes: Int) {
        capture = CappedLine(limit: maximumLineBytes)
    }

    /// Feeds a chunk: `passThrough` gets the child's own bytes, `protocolLine`
    /// each protocol line it completes; both in stream order.
    mutating func append(
        _ chunk: ArraySlice<UInt8>,
        passThrough: (ArraySlice<UInt8>) -> Void,
        protocolLine: (FramedLine) -> Void
    ) {
        var rest = chunk
        while !rest.isEmpty {
            switch state {
            case .lineStart(let matched):
                var matchedNow = matched
                var index = rest.startIndex
                while index < rest.endIndex, matchedNow < Self.prefix.count, rest[index] == Self.prefix[matchedNow] {
                    matchedNow += 1
                    index += 1
                }
                rest = rest[index...]
                if matchedNow == Self.prefix.count {
                    state = .protocolLine
                } else if rest.isEmpty {
                    state = .lineStart(matched: matchedNow)
                } else {
                    // Not a protocol line: release the held prefix bytes first.
                    if matchedNow > 0 { passThrough(Self.prefix[0..<matchedNow]) }
                    state = .passingThrough
                }
            case .passingThrough:
                if let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
                    passThrough(rest[rest.startIndex...newline])
                    lineCount += 1
                    rest = rest[(newline + 1)...]
                    state = .lineStart(matched: 0)
                } else {
                    passThrough(rest)
                    rest = rest[rest.endIndex...]
                }
            case .protocolLine:
                if let newline = rest.firstIndex(of: UInt8(ascii: "\n")) {
                    capture.append(rest[rest.startIndex..<newline])
                    lineCount += 1
                    protocolLine(capture.take(number: lineCount))
                    rest = rest[(newline + 1)...]
                    state = .lineStart(matched: 0)
                } else {
                    capture.append(rest)
                    rest = rest[rest.endIndex...]
                }
            }
        }
    }

    /// The stream ended: release a held prefix, finish a protocol line.
    mutating func finish(passThrough: (ArraySlice<UInt8>) -> Void, protocolLine: (FramedLine) -> Void) {
        switch state {
        case .lineStart(let matched) where matched > 0:
            passThrough(Self.prefix[0..<matched])
            lineCount += 1
        case .protocolLine:
            lineCount += 1
            protocolLine(capture.take(number: lineCount))
        case .lineStart, .passingThrough:
            break
        }
        state = .lineStart(matched: 0)
    }
}
