import ChildProcess
import Foundation

// A parent for ChildProcessTests: supervises `sleep 60`, prints the child's
// pid once it runs, and waits. The test kills this process with SIGKILL and
// checks that the kernel took the child with it.
let supervisor = Supervisor(command: ChildCommand("sleep", arguments: ["60"]))

// `run` blocks this thread, so another one reports the pid.
Thread.detachNewThread {
    while supervisor.processID == nil { usleep(1_000) }
    // Unbuffered, so the test sees the line while this process lives.
    let line = Array("child \(supervisor.processID!)\n".utf8)
    _ = line.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}
_ = try? supervisor.run { _ in }
