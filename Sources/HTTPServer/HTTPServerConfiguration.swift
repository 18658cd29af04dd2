/// How the server listens and how much it lets one client take.
public struct HTTPServerConfiguration: Sendable {
    /// The IPv4 address to bind: "127.0.0.1" (only this machine; the
    /// default), "0.0.0.0" (every interface) or one interface's address.
    /// "localhost" is read as 127.0.0.1.
    public var host: String
    /// The port to bind; 0 picks a free one, readable as `HTTPServer.port` after `start()`.
    public var port: Int
    /// Extra names accepted in the `Host` header, besides 127.0.0.1,
    /// localhost, [::1] and a specific bind address: the names or addresses
    /// others use to reach the server when it binds 0.0.0.0 (e.g.
    /// "gpu-box.lan", "192.168.1.20"). Without a port; see `HostPolicy`.
    public var allowedHosts: [String]
    /// Connections served at once; one more gets 503 and is closed.
    public var maximumConnections: Int
    /// The largest request head (request line and header fields) in bytes;
    /// a larger one gets 431 and the connection closes.
    public var maximumHeaderBytes: Int
    /// Seconds a client has to send a whole request head once it starts one
    /// (or once it connects); a slower client is dropped. Also bounds how
    /// long writing one response to a client that does not read may block.
    public var readTimeout: Double
    /// Seconds an idle keep-alive connection is kept open between requests.
    public var idleTimeout: Double
    /// Bodies of compressible types at least this long are gzipped when the
    /// client accepts it; below it the header costs more than it saves.
    public var minimumCompressedBytes: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0, allowedHosts: [String] = [],
        maximumConnections: Int = 64, maximumHeaderBytes: Int = 8192,
        readTimeout: Double = 10, idleTimeout: Double = 30, minimumCompressedBytes: Int = 1024
    ) {
        self.host = host
        self.port = port
        self.allowedHosts = allowedHosts
        self.maximumConnections = maximumConnections
        self.maximumHeaderBytes = maximumHeaderBytes
        self.readTimeout = readTimeout
        self.idleTimeout = idleTimeout
        self.minimumCompressedBytes = minimumCompressedBytes
    }

    /// The first setting that cannot work, as an error naming it and the fix.
    func validate() throws {
        guard maximumConnections >= 1 else {
            throw HTTPServerError("maximumConnections is \(maximumConnections); it must be at least 1.")
        }
        guard maximumHeaderBytes >= 256 else {
            throw HTTPServerError("maximumHeaderBytes is \(maximumHeaderBytes); use at least 256 (browsers send about 500-2000).")
        }
        for (name, seconds) in [("readTimeout", readTimeout), ("idleTimeout", idleTimeout)] {
            guard seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw HTTPServerError("\(name) is \(seconds) seconds; use a number of seconds above 0 and at most 86400.")
            }
        }
        guard minimumCompressedBytes >= 0 else {
            throw HTTPServerError("minimumCompressedBytes is \(minimumCompressedBytes); use 0 or more.")
        }
    }
}
