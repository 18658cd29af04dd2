import Foundation
import Glibc

/// The accept loop: hands each new connection to a thread of its own, or
/// answers 503 when `maximumConnections` are already being served.
struct Acceptor: Sendable {
    let listener: Int32
    /// Readable once `stop()` wants the loop to end.
    let wakeDescriptor: Int32
    let registry: ConnectionRegistry
    let makeConnection: @Sendable (Int32) -> HTTPConnection

    /// Runs until woken through `wakeDescriptor`; closes the listener on the
    /// way out. The wake pipe stays open for `stop()` to close: writing to a
    /// pipe whose reader is gone would raise SIGPIPE.
    func run() {
        defer { close(listener) }
        while true {
            var descriptors = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0, errno != EINTR { return }
            if descriptors[1].revents != 0 { return }
            guard descriptors[0].revents & Int16(POLLIN) != 0 else { continue }

            // Glibc's module does not export accept4, so close-on-exec (no
            // descriptor leaking into a child process) is set right after.
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                // Out of descriptors (EMFILE): wait instead of spinning on a
                // listener that stays readable.
                if errno == EMFILE || errno == ENFILE { usleep(10_000) }
                continue
            }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            var yes: Int32 = 1
            setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
            guard registry.admit(client) else {
                refuse(client)
                continue
            }
            let connection = makeConnection(client)
            let thread = Thread { [registry] in
                connection.serve()
                registry.close(client)
            }
            thread.name = "HTTPServer connection"
            thread.start()
        }
    }

    /// Answers 503 on a connection over the limit. The reply is small enough
    /// for the socket's send buffer, so this never blocks the accept loop.
    private func refuse(_ client: Int32) {
        let response = HTTPResponse(
            status: 503, body: Array("Too many connections; try again in a moment.\n".utf8),
            headers: [(name: "Retry-After", value: "1")]
        )
        let bytes = ResponseEncoder(minimumCompressedBytes: .max).encode(
            response, isHead: false, acceptsGzip: false, keepsAlive: false, version: "HTTP/1.1"
        )
        Socket.setSendTimeout(client, seconds: 0.1)
        _ = Socket.write(client, bytes)
        shutdown(client, Int32(SHUT_WR))
        close(client)
    }
}
