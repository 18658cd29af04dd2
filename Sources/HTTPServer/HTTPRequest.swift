/// One parsed request: GET or HEAD, with its target already percent-decoded.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case head = "HEAD"
    }

    public let method: Method
    /// The path, percent-decoded: `/runs/a%20b` arrives as `/runs/a b`.
    /// An encoded slash (`%2F`) becomes `/` here; routes whose parts may
    /// contain one should use `pathSegments`.
    public let path: String
    /// The query parameters in order, names and values percent-decoded and
    /// `+` read as a space; a parameter without `=` has the value "".
    public let query: [(name: String, value: String)]
    /// The request target as sent, before decoding.
    public let rawTarget: String
    /// "HTTP/1.1" or "HTTP/1.0".
    public let version: String
    /// The header fields in the order sent, names as sent.
    public let headers: [(name: String, value: String)]

    public init(
        method: Method, path: String, query: [(name: String, value: String)] = [],
        rawTarget: String? = nil, version: String = "HTTP/1.1", headers: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.rawTarget = rawTarget ?? path
        self.version = version
        self.headers = headers
    }

    /// The path's segments, each decoded on its own: `/runs/a%2Fb` gives
    /// ["runs", "a/b"]; `/` gives [].
    public var pathSegments: [String] {
        let rawPath = rawTarget.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return rawPath.split(separator: "/").map { segment in
            (try? RequestTarget.percentDecode(segment, plusIsSpace: false)) ?? String(segment)
        }
    }

    /// The value of the header field `name` (compared without case); a field
    /// sent on several lines is joined with ", " as RFC 9110 allows.
    public func header(_ name: String) -> String? {
        let values = headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// The first value of the query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of the query parameter `name`, in order (`?tag=a&tag=b`).
    public func queryValues(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }
}
