import Foundation
import Glibc
import Synchronization

/// A small HTTP/1.1 server for GET and HEAD, on the system's sockets.
///
///     let server = HTTPServer(configuration: .init(port: 0)) { request in
///         request.path == "/" ? .html("<h1>runs</h1>") : .notFound()
///     }
///     try server.start()
///     print("http://127.0.0.1:\(server.port!)/")
///     ...
///     server.stop()
///
/// One thread accepts; each connection gets its own thread, at most
/// `maximumConnections` of them. Threads rather than one poll loop because
/// the handler blocks (it reads SQLite), and a poll loop would need a worker
/// pool for it anyway; a thread per connection keeps each request's code
/// straight-line (pipelining is just a loop) while a stalled client only
/// holds its own thread, until its read deadline drops it. The bound on
/// connections bounds the threads (64 stacks of mostly untouched memory).
///
/// The handler runs on connection threads, several at once, and must not
/// call `stop()` (which waits for those threads). A server is started once;
/// after `stop()` make a new one.
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let handler: @Sendable (HTTPRequest) -> HTTPResponse
    private let registry: ConnectionRegistry
    private let state = Mutex(State())

    private struct State {
        var port: Int?
        /// Written by `stop()` to wake the accept loop from `poll`.
        var wakeDescriptors: (read: Int32, write: Int32)?
        var acceptorFinished: DispatchSemaphore?
        var isStopped = false
    }

    public init(configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
                handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) {
        self.configuration = configuration
        self.handler = handler
        self.registry = ConnectionRegistry(capacity: configuration.maximumConnections)
    }

    /// The port the server listens on, once `start()` has returned.
    public var port: Int? { state.withLock { $0.port } }

    /// Binds (with SO_REUSEADDR, so a restart does not wait for TIME_WAIT),
    /// listens, and starts accepting on a background thread.
    public func start() throws {
        try state.withLock { state in
            guard state.port == nil, !state.isStopped else {
                throw HTTPServerError("This server was already started; make a new HTTPServer to serve again.")
            }
            try configuration.validate()
            let listener = try Self.listen(host: configuration.host, port: configuration.port)
            let port = Self.boundPort(listener)
            var wake: [Int32] = [0, 0]
            guard pipe(&wake) == 0 else {
                close(listener)
                throw HTTPServerError.system("pipe", "Could not create the stop signal", fix: "raise the open file limit (ulimit -n).")
            }
            for descriptor in wake { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            let finished = DispatchSemaphore(value: 0)
            let hostPolicy = HostPolicy(bindAddress: configuration.host, allowedHosts: configuration.allowedHosts, port: port)
            let acceptor = Acceptor(
                listener: listener, wakeDescriptor: wake[0], registry: registry,
                makeConnection: { [configuration, handler] descriptor in
                    HTTPConnection(descriptor: descriptor, configuration: configuration, hostPolicy: hostPolicy, handler: handler)
                }
            )
            let thread = Thread {
                acceptor.run()
                finished.signal()
            }
            thread.name = "HTTPServer accept :\(port)"
            thread.start()
            state.port = port
            state.wakeDescriptors = (wake[0], wake[1])
            state.acceptorFinished = finished
        }
    }

    /// Closes the listener and every connection, and returns once all the
    /// server's threads have ended (a handler already running is let finish).
    public func stop() {
        let (wakeDescriptors, finished) = state.withLock { state in
            defer {
                state.isStopped = true
                state.wakeDescriptors = nil
                state.acceptorFinished = nil
            }
            return (state.wakeDescriptors, state.acceptorFinished)
        }
        guard let wakeDescriptors, let finished else { return }
        var byte: UInt8 = 1
        _ = Glibc.write(wakeDescriptors.write, &byte, 1)
        finished.wait()
        close(wakeDescriptors.read)
        close(wakeDescriptors.write)
        registry.shutDownAll()
        registry.waitUntilEmpty()
    }

    deinit {
        stop()
    }

    private static func listen(host: String, port: Int) throws -> Int32 {
        guard (0...65535).contains(port) else {
            throw HTTPServerError("The port \(port) is out of range; use 1-65535, or 0 for a free port.")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        let numeric = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, numeric, &address.sin_addr) == 1 else {
            throw HTTPServerError("The host '\(host)' is not an IPv4 address; use 127.0.0.1, 0.0.0.0 or one interface's IPv4 address.")
        }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else {
            throw HTTPServerError.system("socket", "Could not create a socket", fix: "raise the open file limit (ulimit -n).")
        }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let error = HTTPServerError.system(
                "bind", "Could not listen on \(host):\(port)",
                fix: "choose another port (0 picks a free one) or stop what is using it."
            )
            close(listener)
            throw error
        }
        guard Glibc.listen(listener, 128) == 0 else {
            let error = HTTPServerError.system("listen", "Could not listen on \(host):\(port)", fix: "choose another port.")
            close(listener)
            throw error
        }
        return listener
    }

    private static func boundPort(_ listener: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
