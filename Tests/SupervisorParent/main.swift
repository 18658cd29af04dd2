import ChildProcess
import Foundation

// A parent for ChildProcessTests, which signals or kills it:
//
//     supervisor-parent GRACE_MS COMMAND [ARG...]
//
// supervises COMMAND (forwarding stop signals), prints "child PID" once it
// runs and "outcome EXIT STOP KILLED" when it ends. With no arguments it
// supervises `sleep 60`, for the kill -9 test.
let arguments = Array(CommandLine.arguments.dropFirst())
var options = SupervisorOptions()
var command = ChildCommand("sleep", arguments: ["60"])
if arguments.count >= 2, let graceMilliseconds = Int(arguments[0]) {
    options.gracePeriod = .milliseconds(graceMilliseconds)
    command = ChildCommand(arguments[1], arguments: Array(arguments.dropFirst(2)))
}
let supervisor = Supervisor(command: command, options: options)

/// Unbuffered, so the test reads each line while this process lives.
func say(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
}

// `run` blocks this thread, so another one reports the pid.
Thread.detachNewThread {
    while supervisor.processID == nil { usleep(1_000) }
    say("child \(supervisor.processID!)")
}
do {
    let outcome = try supervisor.run { _ in }
    let stop = outcome.stopRequest.map { "\($0)" } ?? "none"
    say("outcome \(outcome.exitCode) \(stop) \(outcome.wasKilled)")
} catch {
    say("error \(error)")
}
