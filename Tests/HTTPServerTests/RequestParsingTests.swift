import Testing
@testable import HTTPServer

@Suite("Request parsing: heads, targets, Host, Accept-Encoding")
struct RequestParsingTests {
    @Test func theHeadEndsAtTheFirstEmptyLineWithCRLFOrBareLF() {
        let crlf = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next".utf8)
        #expect(RequestHead.endIndex(in: crlf[...]) == 27)
        let lf = Array("GET / HTTP/1.1\nHost: a\n\nrest".utf8)
        #expect(RequestHead.endIndex(in: lf[...]) == 24)
        let incomplete = Array("GET / HTTP/1.1\r\nHost: a\r\n".utf8)
        #expect(RequestHead.endIndex(in: incomplete[...]) == nil)
    }

    @Test func emptyLinesBeforeARequestAreSkipped() {
        let bytes = Array("\r\n\nGET".utf8)
        #expect(RequestHead.leadingEmptyLineLength(in: bytes[...]) == 3)
        #expect(RequestHead.leadingEmptyLineLength(in: Array("GET".utf8)[...]) == 0)
    }

    @Test func aHeadSplitsIntoMethodTargetVersionAndFields() throws {
        let head = try RequestHead(parsing: Array("GET /a?b=1 HTTP/1.1\r\nHost: x:1\r\naccept-encoding:  gzip \r\n\r\n".utf8)[...])
        #expect(head.method == "GET")
        #expect(head.target == "/a?b=1")
        #expect(head.version == "HTTP/1.1")
        #expect(head.values(of: "ACCEPT-ENCODING") == ["gzip"])
        #expect(head.values(of: "host") == ["x:1"])
    }

    @Test(arguments: [
        ("GET / HTTP/2.0\r\n\r\n", 505),
        ("GET / HTTQ/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\n folded: yes\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
        ("G(T / HTTP/1.1\r\n\r\n", 400),
        ("GET /\u{e9} HTTP/1.1\r\n\r\n", 400),
        ("GET /a\rb HTTP/1.1\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nX-A: 1\rX-B: 2\r\n\r\n", 400),
    ])
    func badHeadsAreRejected(text: String, status: Int) {
        let rejection = #expect(throws: RequestRejection.self) { try RequestHead(parsing: Array(text.utf8)[...]) }
        #expect(rejection?.status == status)
    }

    @Test func targetsArePercentDecoded() throws {
        let (path, query) = try RequestTarget.decode("/runs/a%2Fb%20c?where=loss+%3C+1&tag=x&tag=y&empty=&bare")
        #expect(path == "/runs/a/b c")
        #expect(query.map(\.name) == ["where", "tag", "tag", "empty", "bare"])
        #expect(query.map(\.value) == ["loss < 1", "x", "y", "", ""])
    }

    @Test func pathSegmentsKeepEncodedSlashesInsideASegment() {
        let request = HTTPRequest(method: .get, path: "/runs/a/b c", rawTarget: "/runs/a%2Fb%20c/?x=/y")
        #expect(request.pathSegments == ["runs", "a/b c"])
        #expect(HTTPRequest(method: .get, path: "/").pathSegments == [])
    }

    @Test(arguments: ["/a%", "/a%4", "/a%G1", "/a%FF", "/a%00", "relative", "*"])
    func badTargetsAreRejected(target: String) {
        #expect(throws: RequestRejection.self) { try RequestTarget.decode(target) }
    }

    @Test func requestAccessorsFindHeadersWithoutCaseAndQueryValuesInOrder() {
        let request = HTTPRequest(
            method: .get, path: "/", query: [("tag", "a"), ("sort", "loss"), ("tag", "b")],
            headers: [("Accept", "text/html"), ("X-Many", "1"), ("x-many", "2")]
        )
        #expect(request.header("accept") == "text/html")
        #expect(request.header("X-MANY") == "1, 2")
        #expect(request.header("Missing") == nil)
        #expect(request.queryValue("tag") == "a")
        #expect(request.queryValues("tag") == ["a", "b"])
        #expect(request.queryValue("nothing") == nil)
    }

    @Test(arguments: [
        ("gzip", true), ("GZIP", true), ("deflate, gzip;q=0.5", true), ("x-gzip", true),
        ("gzip;q=0", false), ("gzip; q=0.0, *", false), ("*", true), ("*;q=0", false),
        ("br, deflate", false), ("identity", false), ("", false),
    ])
    func acceptEncodingRespectsQValues(header: String, accepts: Bool) {
        #expect(AcceptEncoding.acceptsGzip(header) == accepts)
    }

    @Test func noAcceptEncodingMeansNoGzip() {
        #expect(!AcceptEncoding.acceptsGzip(nil))
    }

    @Test func loopbackPolicyAcceptsOnlyOurNamesAndPort() {
        let policy = HostPolicy(bindAddress: "127.0.0.1", allowedHosts: [], port: 8123)
        for host in ["127.0.0.1:8123", "localhost:8123", "LocalHost:8123", "[::1]:8123"] {
            #expect(policy.accepts(host), "\(host)")
        }
        for host in ["127.0.0.1", "127.0.0.1:8124", "evil.example:8123", "[::1]", "localhost:", "localhost:8123x", "::1:8123"] {
            #expect(!policy.accepts(host), "\(host)")
        }
    }

    @Test func onPort80TheHostMayOmitThePort() {
        let policy = HostPolicy(bindAddress: "127.0.0.1", allowedHosts: [], port: 80)
        #expect(policy.accepts("localhost"))
        #expect(policy.accepts("localhost:80"))
        #expect(!policy.accepts("localhost:8080"))
    }

    @Test func aSpecificBindAddressAndAllowedHostsAreAccepted() {
        let policy = HostPolicy(bindAddress: "192.168.1.20", allowedHosts: ["Box.Lan", "fe80::1"], port: 9000)
        #expect(policy.accepts("192.168.1.20:9000"))
        #expect(policy.accepts("box.lan:9000"))
        #expect(policy.accepts("[fe80::1]:9000"))
        #expect(!policy.accepts("192.168.1.21:9000"))

        let wildcard = HostPolicy(bindAddress: "0.0.0.0", allowedHosts: [], port: 9000)
        #expect(!wildcard.accepts("0.0.0.0:9000"))
        #expect(wildcard.accepts("127.0.0.1:9000"))
    }
}
