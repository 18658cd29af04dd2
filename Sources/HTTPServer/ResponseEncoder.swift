/// Turns a handler's response into the bytes sent: status line, headers
/// (framing, content coding and the security defaults) and body.
struct ResponseEncoder {
    let minimumCompressedBytes: Int

    /// The bytes for `response` to a request. `isHead` sends the GET's
    /// headers, Content-Length included, without the body.
    func encode(
        _ response: HTTPResponse, isHead: Bool, acceptsGzip: Bool, keepsAlive: Bool, version: String
    ) -> [UInt8] {
        var body = response.body
        var extraHeaders: [String] = []
        if response.isCompressible, body.count >= minimumCompressedBytes {
            extraHeaders.append("Vary: Accept-Encoding")
            if acceptsGzip {
                let compressed = Gzip.compress(body)
                // Random or already compressed bytes grow a little under
                // DEFLATE: send them as they are.
                if compressed.count < body.count {
                    body = compressed
                    extraHeaders.append("Content-Encoding: gzip")
                }
            }
        }

        // HTTP/1.1 also to 1.0 clients: RFC 9110 asks for the highest
        // version the server conforms to; `Connection` below keeps 1.0 right.
        var head = "HTTP/1.1 \(response.status) \(Self.reasonPhrase(response.status))\r\n"
        head += "Content-Type: \(Self.singleLine(response.contentType))\r\n"
        head += "Content-Length: \(body.count)\r\n"
        for line in extraHeaders { head += line + "\r\n" }
        head += "Cache-Control: \(Self.singleLine(response.cacheControl))\r\n"
        head += "Content-Security-Policy: \(Self.singleLine(response.contentSecurityPolicy))\r\n"
        head += "X-Content-Type-Options: nosniff\r\n"
        head += "Referrer-Policy: no-referrer\r\n"
        for field in response.headers
        where !field.name.isEmpty && field.name.allSatisfy(RequestHead.isTokenCharacter)
            && !Self.serverOwnedFields.contains(field.name.lowercased()) {
            head += "\(field.name): \(Self.singleLine(field.value))\r\n"
        }
        head += keepsAlive ? (version == "HTTP/1.0" ? "Connection: keep-alive\r\n" : "") : "Connection: close\r\n"
        head += "\r\n"

        var bytes = Array(head.utf8)
        if !isHead { bytes += body }
        return bytes
    }

    /// `value` without CR and LF, which would let it start a header (or a
    /// body) of its own. Filtered by scalar: Swift reads "\r\n" as one Character.
    static func singleLine(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.filter { $0 != "\r" && $0 != "\n" }))
    }

    private static let serverOwnedFields: Set<String> = [
        "content-length", "content-encoding", "transfer-encoding", "connection", "content-type",
        "cache-control", "content-security-policy", "x-content-type-options", "referrer-policy", "vary",
    ]

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
