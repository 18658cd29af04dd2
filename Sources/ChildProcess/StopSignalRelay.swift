import CChildSpawn
import Foundation
import Synchronization

/// Hands SIGINT and SIGTERM sent to this process to every running supervisor.
///
/// Signal handlers are process-wide, so one relay owns them: installed when
/// the first supervisor registers, put back when the last leaves. The C
/// handler only writes two bytes to a pipe (all a handler may safely do); a
/// thread of ours reads them and calls the supervisors.
final class StopSignalRelay: Sendable {
    static let shared = StopSignalRelay()

    private struct State {
        var listeners: [Int: @Sendable (_ signal: Int32, _ fromTerminal: Bool) -> Void] = [:]
        var nextToken = 0
        var readerStarted = false
    }

    private let state = Mutex(State())
    private let readEnd: Int32
    private let writeEnd: Int32

    private init() {
        var ends: [Int32] = [-1, -1]
        // Without the pipe there is no forwarding; registration then reports it.
        if child_spawn_pipe(&ends, O_CLOEXEC) == 0 {
            _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Starts delivering stop signals to `listener`; returns the token for `unregister`.
    func register(_ listener: @escaping @Sendable (_ signal: Int32, _ fromTerminal: Bool) -> Void) throws(SupervisorError) -> Int {
        guard writeEnd >= 0 else { throw .systemCallFailed(call: "pipe", errno: EMFILE) }
        let result: Result<Int, SupervisorError> = state.withLock { state in
            if state.listeners.isEmpty, child_spawn_install_stop_handlers(writeEnd) != 0 {
                return .failure(.systemCallFailed(call: "sigaction", errno: errno))
            }
            let token = state.nextToken
            state.nextToken += 1
            state.listeners[token] = listener
            if !state.readerStarted {
                state.readerStarted = true
                let readEnd = readEnd
                Thread.detachNewThread { [self] in self.readLoop(readEnd) }
            }
            return .success(token)
        }
        return try result.get()
    }

    func unregister(_ token: Int) {
        state.withLock { state in
            state.listeners[token] = nil
            if state.listeners.isEmpty { child_spawn_restore_stop_handlers() }
        }
    }

    private func readLoop(_ descriptor: Int32) {
        // Whoever started us may block SIGINT and SIGTERM in every thread
        // (test runners and thread pools do); then this thread takes them.
        child_spawn_unblock_stop_signals()
        var record: [UInt8] = [0, 0]
        while true {
            let count = record.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 2) }
            if count < 0, errno == EINTR { continue }
            guard count == 2 else { return }
            let listeners = state.withLock { Array($0.listeners.values) }
            for listener in listeners { listener(Int32(record[0]), record[1] != 0) }
        }
    }
}
