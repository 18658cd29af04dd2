/// Judges a parsed head: whether it is for this server, uses a method we
/// serve and carries no body; and whether the connection stays open after it.
extension RequestHead {
    /// The request the handler sees, or the rejection the server sends itself.
    func admit(hostPolicy: HostPolicy) throws(RequestRejection) -> HTTPRequest {
        let hosts = values(of: "Host")
        if hosts.count > 1 { throw .badRequest("The request has more than one Host header.") }
        if let host = hosts.first {
            guard hostPolicy.accepts(host) else {
                throw RequestRejection(
                    status: 403,
                    reason: "The Host '\(host.prefix(100))' does not name this server; "
                        + "open it as http://127.0.0.1:\(hostPolicy.port)/ or add the name to the allowed hosts.",
                    closesConnection: !keepsAlive
                )
            }
        } else if version == "HTTP/1.1" {
            // HTTP/1.0 clients may leave Host out; browsers, the clients a
            // rebinding attack goes through, always send it.
            throw .badRequest("An HTTP/1.1 request must have a Host header.")
        }

        let supportedMethod = HTTPRequest.Method(rawValue: method)
        if !values(of: "Transfer-Encoding").isEmpty {
            throw supportedMethod == nil ? methodNotAllowed(closesConnection: true)
                : .badRequest("Request bodies are not accepted: GET and HEAD take none.")
        }
        for length in values(of: "Content-Length") {
            guard let count = Int(length), count >= 0 else {
                throw .badRequest("The Content-Length '\(length.prefix(40))' is not a number.")
            }
            if count > 0 {
                throw supportedMethod == nil ? methodNotAllowed(closesConnection: true)
                    : .badRequest("Request bodies are not accepted: GET and HEAD take none.")
            }
        }
        guard let supportedMethod else { throw methodNotAllowed(closesConnection: !keepsAlive) }

        var rejection: RequestRejection
        do {
            let (path, query) = try RequestTarget.decode(target)
            return HTTPRequest(
                method: supportedMethod, path: path, query: query, rawTarget: target, version: version,
                headers: headers.map { (name: $0.name, value: $0.value) }
            )
        } catch {
            rejection = error
        }
        // The head itself was well framed, so the connection can go on.
        rejection.closesConnection = !keepsAlive
        throw rejection
    }

    private func methodNotAllowed(closesConnection: Bool) -> RequestRejection {
        RequestRejection(
            status: 405, reason: "The method \(method) is not allowed: this server only reads (GET, HEAD).",
            headers: [.init(name: "Allow", value: "GET, HEAD")], closesConnection: closesConnection
        )
    }

    /// HTTP/1.1 keeps the connection unless the client says `close`;
    /// HTTP/1.0 closes it unless the client asks for `keep-alive`.
    var keepsAlive: Bool {
        let options = values(of: "Connection")
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
        if version == "HTTP/1.1" { return !options.contains("close") }
        return options.contains("keep-alive")
    }
}
