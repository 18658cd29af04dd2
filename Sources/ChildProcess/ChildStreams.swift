import Glibc

/// What becomes of the bytes read from the child's three pipes: protocol
/// lines decoded into events, its own output passed through and its tails kept.
struct ChildStreams {
    enum Channel { case descriptor, stdout, stderr }

    private let onEvent: (SupervisorEvent) -> Void
    private let stdoutDestination: Int32
    private let stderrDestination: Int32
    private var descriptorLines: LineSplitter
    private var stdoutRouter: StdoutRouter
    private var ended: Set<Channel> = []
    private(set) var stdoutTail: OutputTail
    private(set) var stderrTail: OutputTail
    private(set) var messageCount = 0
    private(set) var malformedCount = 0

    init(options: SupervisorOptions, onEvent: @escaping (SupervisorEvent) -> Void) {
        self.onEvent = onEvent
        stdoutDestination = options.stdoutDestination
        stderrDestination = options.stderrDestination
        descriptorLines = LineSplitter(maximumLineBytes: options.maximumLineBytes)
        stdoutRouter = StdoutRouter(maximumLineBytes: options.maximumLineBytes)
        stdoutTail = OutputTail(lineLimit: options.tailLines, byteLimit: options.tailBytes)
        stderrTail = OutputTail(lineLimit: options.tailLines, byteLimit: options.tailBytes)
    }

    mutating func receive(_ bytes: ArraySlice<UInt8>, from channel: Channel) {
        // The splitters call back while being mutated: collect, then handle.
        var lines: [FramedLine] = []
        switch channel {
        case .descriptor:
            descriptorLines.append(bytes) { lines.append($0) }
            handle(lines, channel: .descriptor)
        case .stdout:
            var passed: [ArraySlice<UInt8>] = []
            stdoutRouter.append(bytes, passThrough: { passed.append($0) }, protocolLine: { lines.append($0) })
            passThroughStdout(passed)
            handle(lines, channel: .stdout)
        case .stderr:
            Self.writeAll(bytes, to: stderrDestination)
            stderrTail.append(bytes)
        }
    }

    /// The channel reached end of file: a last line without "\n" still counts.
    mutating func end(_ channel: Channel) {
        guard ended.insert(channel).inserted else { return }
        var lines: [FramedLine] = []
        switch channel {
        case .descriptor:
            descriptorLines.finish { lines.append($0) }
            handle(lines, channel: .descriptor)
        case .stdout:
            var passed: [ArraySlice<UInt8>] = []
            stdoutRouter.finish(passThrough: { passed.append($0) }, protocolLine: { lines.append($0) })
            passThroughStdout(passed)
            handle(lines, channel: .stdout)
        case .stderr:
            break
        }
    }

    mutating func finish() {
        end(.descriptor)
        end(.stdout)
        end(.stderr)
    }

    private mutating func passThroughStdout(_ pieces: [ArraySlice<UInt8>]) {
        for bytes in pieces {
            Self.writeAll(bytes, to: stdoutDestination)
            stdoutTail.append(bytes)
        }
    }

    private mutating func handle(_ lines: [FramedLine], channel: LineOrigin.Channel) {
        for framed in lines { handle(framed, channel: channel) }
    }

    private mutating func handle(_ framed: FramedLine, channel: LineOrigin.Channel) {
        let origin = LineOrigin(channel: channel, line: framed.number)
        switch framed {
        case .tooLong(_, let byteCount, let limit):
            malformedCount += 1
            onEvent(.malformed(MalformedLine(origin: origin, reason: ByteSize.tooLongReason(byteCount: byteCount, limit: limit))))
        case .line(_, let bytes):
            // print() with no arguments, a stray newline: nothing to report.
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            switch ExecMessageDecoder.decode(bytes) {
            case .message(let message):
                messageCount += 1
                onEvent(.message(message, origin))
            case .malformed(let reason):
                malformedCount += 1
                onEvent(.malformed(MalformedLine(origin: origin, reason: reason)))
            }
        }
    }

    /// Writes every byte, waiting while a non-blocking destination is full.
    /// A destination that is gone (a closed pipe) loses the output, not the run.
    private static func writeAll(_ bytes: ArraySlice<UInt8>, to destination: Int32) {
        guard destination >= 0 else { return }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(destination, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 { offset += written; continue }
                if written < 0, errno == EINTR { continue }
                if written < 0, errno == EAGAIN {
                    var waiting = pollfd(fd: destination, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&waiting, 1, 1000)
                    continue
                }
                return
            }
        }
    }
}
