import Glibc

/// Serves one client connection on its own thread: reads request heads,
/// answers them in order (so pipelined requests work without extra
/// bookkeeping), and ends on close, error, timeout or server stop.
struct HTTPConnection: Sendable {
    let descriptor: Int32
    let configuration: HTTPServerConfiguration
    let hostPolicy: HostPolicy
    let handler: @Sendable (HTTPRequest) -> HTTPResponse

    private var encoder: ResponseEncoder {
        ResponseEncoder(minimumCompressedBytes: configuration.minimumCompressedBytes)
    }

    func serve() {
        Socket.setSendTimeout(descriptor, seconds: configuration.readTimeout)
        var buffer: [UInt8] = []
        var isFirstRequest = true
        while true {
            guard let headEnd = readHead(into: &buffer, isFirstRequest: isFirstRequest) else { return }
            isFirstRequest = false
            guard headEnd <= configuration.maximumHeaderBytes else {
                reject(RequestRejection(status: 431, reason: tooLargeReason, closesConnection: true))
                return
            }
            let keepsOpen = answer(head: buffer[..<headEnd])
            guard keepsOpen else { return }
            buffer.removeFirst(headEnd)
        }
    }

    private var tooLargeReason: String {
        "The request line or headers exceed \(configuration.maximumHeaderBytes) bytes; send a shorter URL or fewer cookies."
    }

    /// Reads until `buffer` starts with a complete head and returns where it
    /// ends; nil when the connection should just close (peer gone, timed out,
    /// or sent a head over the limit, which is answered here).
    ///
    /// Between requests the client may idle for `idleTimeout`; once it sends
    /// a byte (or right after connecting) it has `readTimeout` for the whole
    /// head, so a client dripping one byte at a time is still dropped.
    private func readHead(into buffer: inout [UInt8], isFirstRequest: Bool) -> Int? {
        buffer.removeFirst(RequestHead.leadingEmptyLineLength(in: buffer[...]))
        var waitingIdle = buffer.isEmpty && !isFirstRequest
        var deadline = ContinuousClock.now + .seconds(waitingIdle ? configuration.idleTimeout : configuration.readTimeout)
        while true {
            if let end = RequestHead.endIndex(in: buffer[...]) { return end }
            if buffer.count > configuration.maximumHeaderBytes {
                reject(RequestRejection(status: 431, reason: tooLargeReason, closesConnection: true))
                return nil
            }
            switch Socket.read(descriptor, into: &buffer, until: deadline) {
            case .data:
                buffer.removeFirst(RequestHead.leadingEmptyLineLength(in: buffer[...]))
                if waitingIdle, !buffer.isEmpty {
                    waitingIdle = false
                    deadline = ContinuousClock.now + .seconds(configuration.readTimeout)
                }
            case .closed, .timedOut:
                return nil
            }
        }
    }

    /// Answers one request; returns whether the connection stays open.
    private func answer(head bytes: ArraySlice<UInt8>) -> Bool {
        let head: RequestHead
        do {
            head = try RequestHead(parsing: bytes)
        } catch {
            reject(error)
            return false
        }
        let request: HTTPRequest
        do {
            request = try head.admit(hostPolicy: hostPolicy)
        } catch {
            reject(error, isHead: head.method == "HEAD", version: head.version)
            return !error.closesConnection
        }
        let response = handler(request)
        let bytes = encoder.encode(
            response, isHead: request.method == .head,
            acceptsGzip: AcceptEncoding.acceptsGzip(request.header("Accept-Encoding")),
            keepsAlive: head.keepsAlive, version: head.version
        )
        guard Socket.write(descriptor, bytes) else { return false }
        if !head.keepsAlive { lingeringClose() }
        return head.keepsAlive
    }

    /// Sends the server's own answer; a HEAD gets its headers only, like any HEAD.
    private func reject(_ rejection: RequestRejection, isHead: Bool = false, version: String = "HTTP/1.1") {
        let bytes = encoder.encode(
            rejection.response, isHead: isHead, acceptsGzip: false,
            keepsAlive: !rejection.closesConnection, version: version
        )
        guard Socket.write(descriptor, bytes) else { return }
        if rejection.closesConnection { lingeringClose() }
    }

    /// Closing a socket with unread input makes the kernel send a reset,
    /// which can destroy the response before the client reads it. So: end
    /// our side, then discard what the client still sends, for a moment.
    private func lingeringClose() {
        shutdown(descriptor, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + .seconds(1)
        var discarded: [UInt8] = []
        while discarded.count < 1 << 20, case .data = Socket.read(descriptor, into: &discarded, until: deadline) {}
    }
}
