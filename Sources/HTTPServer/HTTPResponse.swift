/// What a handler returns. The server adds the framing (Content-Length,
/// Connection), the content coding and the security headers.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var body: [UInt8]
    /// Sent as `Cache-Control`; pages over live data must not be cached.
    public var cacheControl: String
    /// Sent as `Content-Security-Policy`. The default lets a page load only
    /// what this server serves: no inline script, no outside URL.
    public var contentSecurityPolicy: String
    /// Further header fields. Framing fields the server owns (Content-Length,
    /// Content-Encoding, Transfer-Encoding, Connection) are ignored here.
    public var headers: [(name: String, value: String)]

    public static let defaultContentSecurityPolicy = "default-src 'self'"

    public init(
        status: Int = 200, contentType: String = "text/plain; charset=utf-8", body: [UInt8] = [],
        cacheControl: String = "no-store", contentSecurityPolicy: String = HTTPResponse.defaultContentSecurityPolicy,
        headers: [(name: String, value: String)] = []
    ) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.cacheControl = cacheControl
        self.contentSecurityPolicy = contentSecurityPolicy
        self.headers = headers
    }

    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }

    public static func html(_ html: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/html; charset=utf-8", body: Array(html.utf8))
    }

    public static func json(_ json: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: Array(json.utf8))
    }

    public static func notFound(_ message: String = "Not found") -> HTTPResponse {
        .text(message + "\n", status: 404)
    }

    /// Text formats that shrink under gzip; images and archives are already compressed.
    var isCompressible: Bool {
        let type = contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
        return type.hasPrefix("text/")
            || ["application/json", "application/javascript", "application/xml", "image/svg+xml"].contains(type)
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}

extension String {
    var trimmingSpaces: String { String(self[...].trimmingSpaces) }
}
