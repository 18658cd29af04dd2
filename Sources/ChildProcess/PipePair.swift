import CChildSpawn
import Glibc

/// A pipe whose write end goes to the child and whose read end we poll.
///
/// Both ends are close-on-exec (the child's copy is made inheritable in the
/// child alone) and numbered 3 or above, so that placing the child's stdout
/// and stderr on 1 and 2 can never overwrite one of them. The read end is
/// non-blocking. Both close when the pair is released.
final class PipePair {
    let readEnd: Int32
    private(set) var writeEnd: Int32

    init() throws(SupervisorError) {
        var ends: [Int32] = [-1, -1]
        guard child_spawn_pipe(&ends, O_CLOEXEC) == 0 else { throw .systemCallFailed(call: "pipe", errno: errno) }
        for index in ends.indices where ends[index] < 3 {
            let moved = fcntl(ends[index], F_DUPFD_CLOEXEC, 3)
            let failure = errno
            close(ends[index])
            ends[index] = moved
            guard moved >= 0 else {
                ends.filter { $0 >= 0 }.forEach { close($0) }
                throw .systemCallFailed(call: "fcntl", errno: failure)
            }
        }
        _ = fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK)
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// After the fork: only the child may hold the write end, or the read
    /// end never sees end of file.
    func closeWriteEnd() {
        if writeEnd >= 0 { close(writeEnd) }
        writeEnd = -1
    }

    deinit {
        close(readEnd)
        if writeEnd >= 0 { close(writeEnd) }
    }
}
