/// Which `Host` header values the server answers: the defence against DNS
/// rebinding, where a hostile page's own name is made to resolve to
/// 127.0.0.1 so that the browser lets it read our responses. Such a request
/// still carries the hostile name in `Host`, so only names of this server
/// are let through.
///
/// Accepted names: `127.0.0.1`, `localhost` and `[::1]` always (a browser on
/// this machine may use any of them, also when bound to 0.0.0.0); the
/// configured bind address when it is a specific one; and every name in
/// `allowedHosts` (for 0.0.0.0: the machine's names or addresses as others
/// type them). The port in `Host` must be the bound port; it may be left
/// out only when that port is 80. Names compare without case.
struct HostPolicy: Sendable {
    let names: Set<String>
    let port: Int

    init(bindAddress: String, allowedHosts: [String], port: Int) {
        var names: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        if !Self.wildcardAddresses.contains(bindAddress) {
            names.insert(bindAddress.contains(":") ? "[\(bindAddress)]" : bindAddress)
        }
        for host in allowedHosts {
            names.insert(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
        }
        self.names = Set(names.map { $0.lowercased() })
        self.port = port
    }

    static let wildcardAddresses: Set<String> = ["0.0.0.0", "::", ""]

    /// Whether a request with this `Host` value is for us.
    func accepts(_ host: String) -> Bool {
        let lowered = host.lowercased()
        let name: Substring
        let portText: Substring?
        // "[::1]:8080": the port follows the closing bracket.
        if let colon = lowered.lastIndex(of: ":"), !lowered[colon...].contains("]") {
            name = lowered[..<colon]
            portText = lowered[lowered.index(after: colon)...]
        } else {
            name = lowered[...]
            portText = nil
        }
        guard names.contains(String(name)) else { return false }
        if let portText {
            return Int(portText) == port
        }
        return port == 80
    }
}
