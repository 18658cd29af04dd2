import Testing
@testable import HTTPServer

@Suite("Response encoding: framing, security headers, gzip if it pays")
struct ResponseEncoderTests {
    let encoder = ResponseEncoder(minimumCompressedBytes: 1024)

    /// The header lines of an encoded response, without the status line.
    func headerLines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        return Array(head.components(separatedBy: "\r\n").dropFirst())
    }

    @Test func handlerHeadersCannotForgeFramingOrInjectLines() {
        let response = HTTPResponse(body: Array("abc".utf8), headers: [
            (name: "Content-Length", value: "999"),
            (name: "Connection", value: "upgrade"),
            (name: "X-Run", value: "a\r\nSet-Cookie: stolen=1"),
            (name: "Location", value: "/runs/1"),
            (name: "Bad Name\r\nX-Evil", value: "1"),
        ])
        let lines = headerLines(encoder.encode(response, isHead: false, acceptsGzip: false, keepsAlive: true, version: "HTTP/1.1"))
        #expect(lines.filter { $0.hasPrefix("Content-Length") } == ["Content-Length: 3"])
        #expect(!lines.contains { $0.hasPrefix("Connection") })
        #expect(lines.contains("X-Run: aSet-Cookie: stolen=1"))
        #expect(!lines.contains { $0.hasPrefix("Set-Cookie") })
        #expect(lines.contains("Location: /runs/1"))
        #expect(!lines.contains { $0.contains("Evil") })

        var typed = HTTPResponse.text("x")
        typed.contentType = "text/html\r\n\r\n<script>"
        let typedLines = headerLines(encoder.encode(typed, isHead: false, acceptsGzip: false, keepsAlive: true, version: "HTTP/1.1"))
        #expect(typedLines.contains("Content-Type: text/html<script>"))
    }

    @Test func closingAndHTTP10KeepAliveAreSaid() {
        let response = HTTPResponse.text("x")
        let closing = headerLines(encoder.encode(response, isHead: false, acceptsGzip: false, keepsAlive: false, version: "HTTP/1.1"))
        #expect(closing.contains("Connection: close"))
        let old = headerLines(encoder.encode(response, isHead: false, acceptsGzip: false, keepsAlive: true, version: "HTTP/1.0"))
        #expect(old.contains("Connection: keep-alive"))
    }

    @Test func onlyCompressibleBodiesAboveTheThresholdAreGzipped() {
        let text = String(repeating: "epoch loss accuracy\n", count: 200)
        let json = HTTPResponse.json("[" + String(repeating: "{\"a\":1},", count: 300) + "{}]")
        let png = HTTPResponse(contentType: "image/png", body: Array(text.utf8))
        let small = HTTPResponse.text(String(text.prefix(1000)))

        func lines(_ response: HTTPResponse) -> [String] {
            headerLines(encoder.encode(response, isHead: false, acceptsGzip: true, keepsAlive: true, version: "HTTP/1.1"))
        }
        #expect(lines(.text(text)).contains("Content-Encoding: gzip"))
        #expect(lines(json).contains("Content-Encoding: gzip"))
        #expect(!lines(png).contains { $0.hasPrefix("Content-Encoding") || $0.hasPrefix("Vary") })
        #expect(!lines(small).contains { $0.hasPrefix("Content-Encoding") || $0.hasPrefix("Vary") })
    }

    @Test func aBodyThatWouldGrowIsSentAsItIs() {
        var generator = SeededGenerator(seed: 5)
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let response = HTTPResponse(contentType: "text/plain", body: noise)
        let bytes = encoder.encode(response, isHead: false, acceptsGzip: true, keepsAlive: true, version: "HTTP/1.1")
        let lines = headerLines(bytes)
        #expect(!lines.contains { $0.hasPrefix("Content-Encoding") })
        #expect(lines.contains("Vary: Accept-Encoding"))
        #expect(Array(bytes.suffix(noise.count)) == noise)
    }

    @Test func headGivesTheGetHeadersAndNoBody() {
        let response = HTTPResponse.text(String(repeating: "row\n", count: 1000))
        let get = encoder.encode(response, isHead: false, acceptsGzip: true, keepsAlive: true, version: "HTTP/1.1")
        let head = encoder.encode(response, isHead: true, acceptsGzip: true, keepsAlive: true, version: "HTTP/1.1")
        #expect(headerLines(get) == headerLines(head))
        #expect(String(decoding: head, as: UTF8.self).hasSuffix("\r\n\r\n"))
    }
}
