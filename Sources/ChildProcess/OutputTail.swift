/// The last lines of one of the child's streams, kept for the run record.
///
/// Keeps at most `byteLimit` bytes (the newest), so a child that prints
/// gigabytes costs a few kilobytes. When the lines are read, a line holding
/// "\r" keeps only what follows the last one: that is what the terminal
/// showed of a tqdm bar, not its hundred redraws.
struct OutputTail {
    let lineLimit: Int
    let byteLimit: Int
    private var bytes: [UInt8] = []
    /// Older bytes were dropped, so the first kept line may be cut.
    private var wasTrimmed = false

    init(lineLimit: Int, byteLimit: Int) {
        self.lineLimit = lineLimit
        self.byteLimit = byteLimit
    }

    mutating func append(_ chunk: ArraySlice<UInt8>) {
        if chunk.count >= byteLimit {
            bytes = Array(chunk.suffix(byteLimit))
            wasTrimmed = true
            return
        }
        bytes.append(contentsOf: chunk)
        // Trim in batches: removing from the front on every chunk would copy
        // the whole buffer each time.
        if bytes.count > 2 * byteLimit {
            bytes.removeFirst(bytes.count - byteLimit)
            wasTrimmed = true
        }
    }

    /// The last lines, oldest first, decoded as UTF-8 (invalid bytes replaced).
    var lines: [String] {
        var kept = bytes.suffix(byteLimit)
        let trimmedHere = wasTrimmed || kept.count < bytes.count
        if trimmedHere, let newline = kept.firstIndex(of: UInt8(ascii: "\n")) {
            kept = kept[(newline + 1)...]
        }
        var lines = kept.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.suffix(lineLimit).map { line in
            var visible = line
            if visible.last == UInt8(ascii: "\r") { visible = visible.dropLast() }
            if let carriageReturn = visible.lastIndex(of: UInt8(ascii: "\r")) {
                visible = visible[(carriageReturn + 1)...]
            }
            return String(decoding: visible, as: UTF8.self)
        }
    }
}
