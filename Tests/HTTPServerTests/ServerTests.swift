import Foundation
import Glibc
import Synchronization
import Testing
@testable import HTTPServer

/// Counts handler calls, so tests can show that a rejected request never reached it.
final class CallCounter: Sendable {
    private let count = Atomic(0)
    func increment() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

/// The routes the tests serve.
enum TestRoutes {
    static let bigText = (0..<1000).map { "line \($0): the validation loss went down\n" }.joined()

    static func handle(_ request: HTTPRequest, calls: CallCounter? = nil) -> HTTPResponse {
        calls?.increment()
        switch request.path {
        case "/":
            return .text("hello")
        case "/big":
            return .text(bigText)
        case "/csp":
            var response = HTTPResponse.html("<p>x</p>")
            response.contentSecurityPolicy = "default-src 'none'"
            return response
        case let path where path.hasPrefix("/echo"):
            return .text(path + "|" + request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&"))
        default:
            return .notFound()
        }
    }
}

/// Starts a server on a free port of 127.0.0.1, runs `body`, stops it.
func withServer<Result>(
    _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
    calls: CallCounter? = nil,
    _ body: (Int) throws -> Result
) throws -> Result {
    let server = HTTPServer(configuration: configuration) { TestRoutes.handle($0, calls: calls) }
    try server.start()
    defer { server.stop() }
    return try body(try #require(server.port))
}

@Suite("HTTP server over real sockets")
struct ServerTests {
    @Test func getAnswers200WithContentLengthAndSecurityHeaders() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/", port: port)
            let response = try client.readResponse()
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.text == "hello")
            #expect(response.header("Content-Length") == "5")
            #expect(response.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(response.header("Cache-Control") == "no-store")
            #expect(response.header("X-Content-Type-Options") == "nosniff")
            #expect(response.header("Content-Security-Policy") == "default-src 'self'")
            #expect(response.header("Referrer-Policy") == "no-referrer")
        }
    }

    @Test func aResponseMayOverrideTheContentSecurityPolicy() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/csp", port: port)
            #expect(try client.readResponse().header("Content-Security-Policy") == "default-src 'none'")
        }
    }

    @Test func headSendsTheGetHeadersWithoutTheBody() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("GET", "/big", port: port)
            let get = try client.readResponse()
            try client.request("HEAD", "/big", port: port)
            let head = try client.readResponse(isHead: true)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == get.header("Content-Length"))
            #expect(head.header("Content-Length") == String(TestRoutes.bigText.utf8.count))
            // Had the HEAD carried a body, this response would start inside it.
            try client.request("/", port: port)
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func aRefusedHeadGetsNoBodyEither() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("HEAD / HTTP/1.1\r\nHost: evil.example:\(port)\r\n\r\n")
            let refused = try client.readResponse(isHead: true)
            #expect(refused.status == 403)
            #expect(Int(refused.header("Content-Length") ?? "") ?? 0 > 0)
            try client.request("/", port: port)
            #expect(try client.readResponse().text == "hello")
        }
    }

    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/echo/1", port: port)
            #expect(try client.readResponse().text == "/echo/1|")
            try client.request("/echo/2", port: port)
            let second = try client.readResponse()
            #expect(second.text == "/echo/2|")
            #expect(second.header("Connection") == nil)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            let requests = (1...5).map { "GET /echo?n=\($0) HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n" }
            try client.send(requests.joined())
            for n in 1...5 {
                #expect(try client.readResponse().text == "/echo|n=\(n)")
            }
        }
    }

    @Test func pathAndQueryArrivePercentDecoded() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/echo/a%20b+c?x=1+2&y=%C3%A9&flag&x=3", port: port)
            #expect(try client.readResponse().text == "/echo/a b+c|x=1 2&y=é&flag=&x=3")
            try client.request("/echo?bad=%zz", port: port)
            #expect(try client.readResponse().status == 400)
        }
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"])
    func otherMethodsGet405WithAllow(method: String) throws {
        let calls = CallCounter()
        try withServer(calls: calls) { port in
            let client = try TestClient(port: port)
            try client.request(method, "/", port: port)
            let response = try client.readResponse()
            #expect(response.status == 405)
            #expect(response.header("Allow") == "GET, HEAD")
            // No body was sent, so the connection stays usable.
            try client.request("/", port: port)
            #expect(try client.readResponse().status == 200)
        }
        #expect(calls.value == 1)
    }

    @Test func aPostWithABodyGets405AndTheConnectionCloses() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 3\r\n\r\nabc")
            let response = try client.readResponse()
            #expect(response.status == 405)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func aGetWithABodyIsRefused() throws {
        let calls = CallCounter()
        try withServer(calls: calls) { port in
            let client = try TestClient(port: port)
            try client.request("/", port: port, headers: ["Content-Length: 5"])
            #expect(try client.readResponse().status == 400)
            let chunked = try TestClient(port: port)
            try chunked.request("/", port: port, headers: ["Transfer-Encoding: chunked"])
            #expect(try chunked.readResponse().status == 400)
        }
        #expect(calls.value == 0)
    }

    @Test func notFoundFromTheHandlerPassesThrough() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/nowhere", port: port)
            let response = try client.readResponse()
            #expect(response.status == 404)
            #expect(response.statusLine == "HTTP/1.1 404 Not Found")
        }
    }

    @Test func aNineKilobyteHeaderGets431() throws {
        let calls = CallCounter()
        try withServer(calls: calls) { port in
            let client = try TestClient(port: port)
            try client.request("/", port: port, headers: ["X-Filler: " + String(repeating: "a", count: 9 * 1024)])
            let response = try client.readResponse()
            #expect(response.status == 431)
            #expect(client.isClosedByServer())

            let longLine = try TestClient(port: port)
            try longLine.send("GET /" + String(repeating: "b", count: 9 * 1024) + " HTTP/1.1\r\n")
            #expect(try longLine.readResponse().status == 431)
        }
        #expect(calls.value == 0)
    }

    @Test(arguments: ["evil.example", "evil.example:PORT", "127.0.0.1:1", "localhost.evil.example:PORT", "127.0.0.1"])
    func aForeignHostIsRefusedWithoutCallingTheHandler(host: String) throws {
        let calls = CallCounter()
        try withServer(calls: calls) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: \(host.replacingOccurrences(of: "PORT", with: String(port)))\r\n\r\n")
            #expect(try client.readResponse().status == 403)
        }
        #expect(calls.value == 0)
    }

    @Test(arguments: ["127.0.0.1:PORT", "localhost:PORT", "LOCALHOST:PORT", "[::1]:PORT"])
    func theLoopbackNamesAreAccepted(host: String) throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: \(host.replacingOccurrences(of: "PORT", with: String(port)))\r\n\r\n")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func allowedHostsAddNamesWhenBoundToEveryInterface() throws {
        let configuration = HTTPServerConfiguration(host: "0.0.0.0", allowedHosts: ["gpu-box.lan"])
        try withServer(configuration) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\nHost: gpu-box.lan:\(port)\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            try client.send("GET / HTTP/1.1\r\nHost: other.lan:\(port)\r\n\r\n")
            #expect(try client.readResponse().status == 403)
        }
    }

    @Test func http11WithoutHostGets400() throws {
        let calls = CallCounter()
        try withServer(calls: calls) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try client.readResponse().status == 400)
        }
        #expect(calls.value == 0)
    }

    @Test func http10IsAnsweredAndClosedUnlessItAsksForKeepAlive() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.0\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.statusLine == "HTTP/1.1 200 OK")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())

            let keepAlive = try TestClient(port: port)
            try keepAlive.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try keepAlive.readResponse().header("Connection") == "keep-alive")
            try keepAlive.send("GET /echo HTTP/1.0\r\n\r\n")
            #expect(try keepAlive.readResponse().text == "/echo|")
        }
    }

    @Test func connectionCloseIsHonoured() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/", port: port, headers: ["Connection: close"])
            let response = try client.readResponse()
            #expect(response.text == "hello")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test(arguments: ["GARBAGE", "GET /\r\n", "GET / HTTP/1.1 extra", "GET  / HTTP/1.1", "GET / HTTP/1.1\r\nNo-Colon"])
    func malformedRequestsGet400(head: String) throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.send(head + "\r\n\r\n")
            #expect(try client.readResponse().status == 400)
        }
    }

    @Test func aStalledClientDoesNotBlockAnother() throws {
        var configuration = HTTPServerConfiguration()
        configuration.readTimeout = 1
        try withServer(configuration) { port in
            let stalled = try TestClient(port: port)
            try stalled.send("GET /ech")
            let prompt = try TestClient(port: port)
            try prompt.request("/", port: port)
            #expect(try prompt.readResponse().text == "hello")
            // And the stalled one is dropped once its read deadline passes.
            #expect(stalled.isClosedByServer())
        }
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws {
        var configuration = HTTPServerConfiguration()
        configuration.idleTimeout = 0.3
        try withServer(configuration) { port in
            let client = try TestClient(port: port)
            try client.request("/", port: port)
            #expect(try client.readResponse().status == 200)
            #expect(client.isClosedByServer())
        }
    }

    @Test func aClientDrippingItsHeadIsDroppedAtTheReadDeadline() throws {
        var configuration = HTTPServerConfiguration()
        configuration.readTimeout = 0.5
        try withServer(configuration) { port in
            let client = try TestClient(port: port)
            try client.send("GET / HTTP/1.1\r\n")
            // Every byte is activity, yet the head as a whole is late.
            for _ in 0..<10 {
                Thread.sleep(forTimeInterval: 0.1)
                guard (try? client.send("X")) != nil else { break }
            }
            #expect(client.isClosedByServer())
        }
    }

    @Test func aConnectionOverTheLimitGets503() throws {
        var configuration = HTTPServerConfiguration()
        configuration.maximumConnections = 3
        try withServer(configuration) { port in
            // A served request proves each connection was admitted.
            let open = try (0..<3).map { _ in try TestClient(port: port) }
            for client in open {
                try client.request("/", port: port)
                #expect(try client.readResponse().status == 200)
            }
            let extra = try TestClient(port: port)
            let refused = try extra.readResponse()
            #expect(refused.status == 503)
            #expect(refused.header("Retry-After") == "1")
            #expect(extra.isClosedByServer())
            // The admitted ones are still served.
            try open[0].request("/", port: port)
            #expect(try open[0].readResponse().status == 200)

            // A closed connection frees its slot once the server sees the
            // close, which happens on another thread: try a bounded number of times.
            try open[2].request("/", port: port, headers: ["Connection: close"])
            #expect(try open[2].readResponse().status == 200)
            var served = false
            for _ in 0..<100 where !served {
                let next = try TestClient(port: port)
                try next.request("/", port: port)
                served = try next.readResponse().status == 200
                if !served { Thread.sleep(forTimeInterval: 0.02) }
            }
            #expect(served)
        }
    }

    @Test func twentyConcurrentClientsMakingTwentyRequestsEachAllSucceed() throws {
        let failures = Mutex<[String]>([])
        try withServer { port in
            DispatchQueue.concurrentPerform(iterations: 20) { clientIndex in
                do {
                    let client = try TestClient(port: port)
                    for requestIndex in 0..<20 {
                        try client.request("/echo/\(clientIndex)?n=\(requestIndex)", port: port)
                        let response = try client.readResponse()
                        if response.status != 200 || response.text != "/echo/\(clientIndex)|n=\(requestIndex)" {
                            failures.withLock { $0.append("client \(clientIndex) #\(requestIndex): \(response.status) \(response.text)") }
                        }
                    }
                } catch {
                    failures.withLock { $0.append("client \(clientIndex): \(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
    }

    @Test func gzipIsNegotiatedAndDecodesToTheBody() throws {
        try withServer { port in
            let client = try TestClient(port: port)
            try client.request("/big", port: port, headers: ["Accept-Encoding: br, gzip;q=0.8"])
            let compressed = try client.readResponse()
            #expect(compressed.header("Content-Encoding") == "gzip")
            #expect(compressed.header("Vary") == "Accept-Encoding")
            #expect(compressed.body.count < TestRoutes.bigText.utf8.count)
            #expect(compressed.header("Content-Length") == String(compressed.body.count))
            #expect(try SystemGzip.decompress(compressed.body) == Array(TestRoutes.bigText.utf8))

            try client.request("/big", port: port, headers: ["Accept-Encoding: gzip;q=0, deflate"])
            let refused = try client.readResponse()
            #expect(refused.header("Content-Encoding") == nil)
            #expect(refused.text == TestRoutes.bigText)

            try client.request("/", port: port, headers: ["Accept-Encoding: gzip"])
            let small = try client.readResponse()
            #expect(small.header("Content-Encoding") == nil)
            #expect(small.text == "hello")
        }
    }

    @Test func stopReturnsAndClosesThePortAndItsConnections() throws {
        let server = HTTPServer { TestRoutes.handle($0) }
        try server.start()
        let port = try #require(server.port)
        let idle = try TestClient(port: port)
        try idle.request("/", port: port)
        #expect(try idle.readResponse().status == 200)

        server.stop()
        #expect(idle.isClosedByServer())
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        #expect(TestClient.connect(descriptor, port: port) == -1)
        #expect(errno == ECONNREFUSED)
    }

    @Test(arguments: [
        HTTPServerConfiguration(maximumConnections: 0),
        HTTPServerConfiguration(maximumHeaderBytes: 10),
        HTTPServerConfiguration(readTimeout: .infinity),
        HTTPServerConfiguration(idleTimeout: 0),
        HTTPServerConfiguration(host: "::1"),
        HTTPServerConfiguration(host: "example.com"),
        HTTPServerConfiguration(port: 70_000),
    ])
    func impossibleSettingsAreRefusedAtStart(configuration: HTTPServerConfiguration) {
        let server = HTTPServer(configuration: configuration) { _ in .text("") }
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.message.isEmpty == false)
        #expect(server.port == nil)
    }

    @Test func aTakenPortIsReportedClearly() throws {
        try withServer { port in
            let second = HTTPServer(configuration: HTTPServerConfiguration(port: port)) { _ in .text("") }
            #expect(throws: HTTPServerError.self) { try second.start() }
        }
    }
}
