import CChildSpawn
import Foundation
import Synchronization

/// Runs one child command and reports what it sends over the tracker protocol.
///
///     let supervisor = Supervisor(command: ChildCommand("python3", arguments: ["train.py"],
///                                                       environment: ["TRACKER_RUN_ID": "7"]))
///     let outcome = try supervisor.run { event in recorder.handle(event) }
///
/// The child gets the parent's environment plus the command's, `PYTHONUNBUFFERED=1`
/// and `TRACKER_FD=<n>`, the write end of a pipe; every other descriptor but
/// 0, 1 and 2 is closed. Its stdout and stderr pass through to the options'
/// destinations byte for byte while their last lines are kept; stdout lines
/// starting with "@tracker " are protocol lines and do not pass.
///
/// Stopping: SIGINT or SIGTERM sent to this process by another process (kill)
/// is forwarded. Ctrl-C at a terminal is not forwarded: the child shares
/// our foreground process group, so the terminal already delivered it (the
/// child stays in our group so that it can read the terminal, e.g. pdb).
/// Either way SIGKILL follows after the grace period, or at once on a second
/// stop request. If this process dies, even by SIGKILL, the kernel kills the
/// child (PR_SET_PDEATHSIG).
public final class Supervisor: Sendable {
    public let command: ChildCommand
    public let options: SupervisorOptions

    private struct Control {
        var processID: pid_t?
        var hasExited = false
        var hasStarted = false
        var stopRequest: ChildOutcome.StopRequest?
        /// A signal asked for before the child existed, sent once it does.
        var pendingSignal: Int32?
        var killDeadline: ContinuousClock.Instant?
        var wasKilled = false
    }

    private let control = Mutex(Control())
    /// Wakes the run loop when a stop request changes its deadline.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    public init(command: ChildCommand, options: SupervisorOptions = SupervisorOptions()) {
        self.command = command
        self.options = options
        var ends: [Int32] = [-1, -1]
        if child_spawn_pipe(&ends, O_CLOEXEC | O_NONBLOCK) != 0 { ends = [-1, -1] }
        wakeRead = ends[0]
        wakeWrite = ends[1]
    }

    deinit {
        if wakeRead >= 0 { close(wakeRead) }
        if wakeWrite >= 0 { close(wakeWrite) }
    }

    /// The child's pid while it runs (nil before `run` starts it).
    public var processID: pid_t? { control.withLock { $0.processID } }

    /// Asks the child to stop (a pruner, a cancelled sweep): SIGTERM now,
    /// SIGKILL after the grace period. Callable from any thread, also
    /// before the child has started; a second call sends SIGKILL at once.
    public func terminate() {
        requestStop(.terminate, signal: SIGTERM)
    }

    /// Starts the child and supervises it until it exits and its output is
    /// read. `onEvent` receives every protocol line, in order, on the calling
    /// thread, which must stay alive until this returns (it does: `run`
    /// blocks), because the child's parent-death signal is tied to it.
    /// Throws `SupervisorError` when the child cannot be started; once it
    /// has started, every way it ends is an outcome.
    public func run(onEvent: (SupervisorEvent) -> Void) throws(SupervisorError) -> ChildOutcome {
        let alreadyStarted = control.withLock { control in
            defer { control.hasStarted = true }
            return control.hasStarted
        }
        precondition(!alreadyStarted, "a Supervisor runs its command once; make a new one")
        guard wakeRead >= 0 else { throw .systemCallFailed(call: "pipe", errno: EMFILE) }

        var environment = ProcessInfo.processInfo.environment.merging(command.environment) { $1 }
        let path = try ExecutableLookup.resolve(command.executable, searchPath: environment["PATH"])
        let protocolPipe = try PipePair()
        // A 1 MiB buffer (the unprivileged maximum) lets a child write on
        // while a busy machine has not yet scheduled us to read.
        _ = child_spawn_grow_pipe(protocolPipe.writeEnd, 1 << 20)
        let stdoutPipe = try PipePair()
        let stderrPipe = try PipePair()
        environment["PYTHONUNBUFFERED"] = "1"
        environment["TRACKER_FD"] = String(protocolPipe.writeEnd)

        var relayToken: Int?
        if options.forwardsStopSignals {
            relayToken = try StopSignalRelay.shared.register { [weak self] signal, fromTerminal in
                // From the terminal, the child (in our foreground group) has it already.
                self?.requestStop(.signal(signal), signal: fromTerminal ? nil : signal)
            }
        }
        defer { relayToken.map(StopSignalRelay.shared.unregister) }

        let pid = try spawn(path: path, environment: environment, protocolPipe: protocolPipe, stdoutPipe: stdoutPipe, stderrPipe: stderrPipe)
        protocolPipe.closeWriteEnd()
        stdoutPipe.closeWriteEnd()
        stderrPipe.closeWriteEnd()
        control.withLock { control in
            control.processID = pid
            if let signal = control.pendingSignal { kill(pid, signal) }
        }

        return withoutActuallyEscaping(onEvent) { onEvent in
            var streams = ChildStreams(options: options, onEvent: onEvent)
            let termination = supervise(pid: pid, protocolRead: protocolPipe.readEnd, stdoutRead: stdoutPipe.readEnd, stderrRead: stderrPipe.readEnd, streams: &streams)
            streams.finish()
            return outcome(pid: pid, termination: termination, streams: streams)
        }
    }

    private func outcome(pid: pid_t, termination: ChildOutcome.Termination, streams: ChildStreams) -> ChildOutcome {
        control.withLock { control in
            ChildOutcome(
                processID: pid,
                termination: termination,
                stopRequest: control.stopRequest,
                wasKilled: control.wasKilled,
                stdoutTail: streams.stdoutTail.lines,
                stderrTail: streams.stderrTail.lines,
                messageCount: streams.messageCount,
                malformedCount: streams.malformedCount
            )
        }
    }

    private func requestStop(_ request: ChildOutcome.StopRequest, signal: Int32?) {
        control.withLock { control in
            let target = control.hasExited ? nil : control.processID
            if control.stopRequest != nil {
                // Asked twice: the user means it.
                if let target {
                    kill(target, SIGKILL)
                    control.wasKilled = true
                } else {
                    control.pendingSignal = SIGKILL
                }
                return
            }
            control.stopRequest = request
            control.killDeadline = .now + options.gracePeriod
            if let signal {
                if let target { kill(target, signal) } else { control.pendingSignal = signal }
            }
        }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func spawn(path: String, environment: [String: String], protocolPipe: PipePair, stdoutPipe: PipePair, stderrPipe: PipePair) throws(SupervisorError) -> pid_t {
        let arguments = [command.executable] + command.arguments
        let environmentLines = environment.map { "\($0.key)=\($0.value)" }
        var failureErrno: Int32 = 0
        var failureStage: Int32 = 0
        let pid = CStringArray.with(arguments) { argv in
            CStringArray.with(environmentLines) { envp in
                path.withCString { pathPointer in
                    withOptionalCString(command.workingDirectory) { directory in
                        var request = child_spawn_request(
                            path: pathPointer, argv: argv, envp: envp, working_directory: directory,
                            stdout_fd: stdoutPipe.writeEnd, stderr_fd: stderrPipe.writeEnd, protocol_fd: protocolPipe.writeEnd
                        )
                        return spawn_child(&request, &failureErrno, &failureStage)
                    }
                }
            }
        }
        guard pid < 0 else { return pid }
        switch Int(failureStage) {
        case CHILD_SPAWN_STAGE_EXEC:
            throw .cannotExecute(path: path, errno: failureErrno)
        case CHILD_SPAWN_STAGE_CHDIR:
            throw .workingDirectoryUnusable(path: command.workingDirectory ?? ".", errno: failureErrno)
        case CHILD_SPAWN_STAGE_PIPE:
            throw .systemCallFailed(call: "pipe", errno: failureErrno)
        default:
            throw .systemCallFailed(call: "fork", errno: failureErrno)
        }
    }

    /// Reads the three pipes until the child has exited, then drains what it
    /// left in them. Output of a grandchild that keeps a pipe open after the
    /// child exits is not waited for.
    private func supervise(pid: pid_t, protocolRead: Int32, stdoutRead: Int32, stderrRead: Int32, streams: inout ChildStreams) -> ChildOutcome.Termination {
        // pidfd (Linux 5.3+) wakes poll at the exit; without it, poll every 50 ms.
        let exitDescriptor = child_spawn_pidfd_open(pid)
        defer { if exitDescriptor >= 0 { close(exitDescriptor) } }
        var open: [(fd: Int32, channel: ChildStreams.Channel)] = [(protocolRead, .descriptor), (stdoutRead, .stdout), (stderrRead, .stderr)]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        while true {
            if let termination = reapIfExited(pid) {
                for (fd, channel) in open { drain(fd, channel: channel, buffer: &buffer, streams: &streams) }
                return termination
            }
            let wakeIndex = open.count
            var descriptors = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            descriptors.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            if exitDescriptor >= 0 { descriptors.append(pollfd(fd: exitDescriptor, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), pollTimeout(fallbackTick: exitDescriptor < 0))
            guard ready > 0 else { continue }

            var ended: Set<Int32> = []
            var readProtocolLines = false
            for (index, stream) in open.enumerated() where descriptors[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(stream.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    streams.receive(buffer[0..<count], from: stream.channel)
                    readProtocolLines = readProtocolLines || (stream.channel == .descriptor && count < buffer.count)
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    streams.end(stream.channel)
                    ended.insert(stream.fd)
                }
            }
            // The descriptors close with their PipePair, when run returns.
            open.removeAll { ended.contains($0.fd) }
            if readProtocolLines {
                // The child writes a line at a time; waking for each line costs
                // it a context switch per epoch (about 8 us on a busy two-core
                // machine). A 1 ms nap after emptying the pipe lets lines
                // gather in its buffer instead; nobody sees 1 ms of latency.
                usleep(1_000)
            }
            if descriptors[wakeIndex].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 64)
                while sink.withUnsafeMutableBytes({ read(wakeRead, $0.baseAddress, $0.count) }) > 0 {}
            }
        }
    }

    /// Until the kill deadline, or a 50 ms tick without pidfd; -1 for none.
    private func pollTimeout(fallbackTick: Bool) -> Int32 {
        var milliseconds: Int64 = fallbackTick ? 50 : -1
        let deadline = control.withLock { $0.wasKilled ? nil : $0.killDeadline }
        if let deadline {
            let remaining = ContinuousClock.now.duration(to: deadline)
            let remainingMilliseconds = max(0, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            milliseconds = milliseconds < 0 ? remainingMilliseconds : min(milliseconds, remainingMilliseconds)
        }
        return Int32(clamping: milliseconds)
    }

    /// Sends SIGKILL when the grace period is over; reaps the child if it
    /// exited. Both under the lock, so no signal ever reaches a reused pid.
    private func reapIfExited(_ pid: pid_t) -> ChildOutcome.Termination? {
        control.withLock { control in
            if !control.wasKilled, let deadline = control.killDeadline, ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                control.wasKilled = true
            }
            var status: Int32 = 0
            var reaped = waitpid(pid, &status, WNOHANG)
            while reaped < 0 && errno == EINTR { reaped = waitpid(pid, &status, WNOHANG) }
            guard reaped == pid else { return nil }
            control.hasExited = true
            // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
            let signal = status & 0x7F
            return signal == 0 ? .exited(code: (status >> 8) & 0xFF) : .signaled(signal: signal)
        }
    }

    private func drain(_ fd: Int32, channel: ChildStreams.Channel, buffer: inout [UInt8], streams: inout ChildStreams) {
        // Bounded: a grandchild still writing must not keep us here forever.
        for _ in 0..<4096 {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 { streams.receive(buffer[0..<count], from: channel); continue }
            if count < 0, errno == EINTR { continue }
            break
        }
    }
}
