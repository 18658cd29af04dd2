import Testing
@testable import ChildProcess

@Suite("Line framing: splitter, stdout router and output tail")
struct LineFramingTests {
    /// Feeds `bytes` in chunks of `chunkSize`, as a pipe might deliver them.
    func split(_ bytes: [UInt8], chunkSize: Int, limit: Int = 1 << 20) -> [FramedLine] {
        var splitter = LineSplitter(maximumLineBytes: limit)
        var lines: [FramedLine] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            splitter.append(bytes[offset..<end]) { lines.append($0) }
            offset = end
        }
        splitter.finish { lines.append($0) }
        return lines
    }

    @Test(arguments: [1, 2, 3, 7, 1024])
    func linesSplitOnNewlineAndDropCarriageReturn(chunkSize: Int) {
        let lines = split(Array("one\r\ntwo\n\nthree".utf8), chunkSize: chunkSize)
        #expect(lines == [
            .line(number: 1, bytes: Array("one".utf8)), .line(number: 2, bytes: Array("two".utf8)),
            .line(number: 3, bytes: []), .line(number: 4, bytes: Array("three".utf8)),
        ])
    }

    @Test func aTenMegabyteLineIsReportedWithItsSizeAndTheNextLineSurvives() {
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: 10 << 20)
        let lines = split(long + Array("\nok\n".utf8), chunkSize: 65_536)
        #expect(lines == [.tooLong(number: 1, byteCount: 10 << 20, limit: 1 << 20), .line(number: 2, bytes: Array("ok".utf8))])
        #expect(ByteSize.tooLongReason(byteCount: 10 << 20, limit: 1 << 20) == "too long (10.5 MB, limit 1 MiB): discarded; write one message per line")
    }

    @Test func aLineOfExactlyTheLimitPasses() {
        let lines = split([UInt8](repeating: 0x61, count: 16) + [0x0A] + [UInt8](repeating: 0x61, count: 17) + [0x0A], chunkSize: 5, limit: 16)
        #expect(lines.map(\.number) == [1, 2])
        #expect(lines.first == .line(number: 1, bytes: [UInt8](repeating: 0x61, count: 16)))
        #expect(lines.last == .tooLong(number: 2, byteCount: 17, limit: 16))
    }

    /// Routes `text` in chunks; returns the passed-through bytes and protocol lines.
    func route(_ text: String, chunkSize: Int) -> (passed: String, lines: [FramedLine]) {
        var router = StdoutRouter(maximumLineBytes: 1 << 20)
        var passed: [UInt8] = []
        var lines: [FramedLine] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            router.append(bytes[offset..<end], passThrough: { passed += $0 }, protocolLine: { lines.append($0) })
            offset = end
        }
        router.finish(passThrough: { passed += $0 }, protocolLine: { lines.append($0) })
        return (String(decoding: passed, as: UTF8.self), lines)
    }

    @Test(arguments: [1, 4, 9, 10, 4096])
    func protocolLinesLeaveStdoutAndEverythingElsePassesUntouched(chunkSize: Int) {
        let text = "epoch 1\r 50%|##  \r100%|####\n@tracker {\"notes\": \"n\"}\r\n@track not a message\n@tracker\n@tracker {\"tags\": [\"t\"]}\n@trac"
        let (passed, lines) = route(text, chunkSize: chunkSize)
        #expect(passed == "epoch 1\r 50%|##  \r100%|####\n@track not a message\n@tracker\n@trac")
        #expect(lines == [
            .line(number: 2, bytes: Array("{\"notes\": \"n\"}".utf8)),
            .line(number: 5, bytes: Array("{\"tags\": [\"t\"]}".utf8)),
        ])
    }

    @Test func tailKeepsTheLastLinesAndWhatTheTerminalShowedOfProgressBars() {
        var tail = OutputTail(lineLimit: 3, byteLimit: 64)
        for index in 1...100 { tail.append(Array("line \(index)\n".utf8)[...]) }
        tail.append(Array(" 10%|#\r 50%|#####\r100%|##########\n".utf8)[...])
        #expect(tail.lines == ["line 99", "line 100", "100%|##########"])
    }

    @Test func tailOfOneHugeChunkDropsTheCutFirstLine() {
        var tail = OutputTail(lineLimit: 50, byteLimit: 10)
        tail.append(Array("abcdefghij\nxyz\n".utf8)[...])
        #expect(tail.lines == ["xyz"])
    }
}
