import Foundation
import Testing
@testable import ChildProcess

/// python3 as a child: present on CI machines, but the tests that need it say so.
enum Python {
    static let isAvailable: Bool = {
        guard access("/usr/bin/env", X_OK) == 0 else { return false }
        return (try? ExecutableLookup.resolve("python3", searchPath: ProcessInfo.processInfo.environment["PATH"])) != nil
    }()

    /// A child running `script` with /usr/bin/env python3.
    static func command(_ script: String, environment: [String: String] = [:]) -> ChildCommand {
        ChildCommand("/usr/bin/env", arguments: ["python3", "-c", script], environment: environment)
    }
}

/// A supervised child whose own output lands in files, for byte-exact checks.
struct ChildRun {
    var outcome: ChildOutcome
    var events: [SupervisorEvent]
    var stdout: [UInt8]
    var stderr: [UInt8]

    var messages: [ExecMessage] {
        events.compactMap { if case .message(let message, _) = $0 { message } else { nil } }
    }

    var malformed: [MalformedLine] {
        events.compactMap { if case .malformed(let line) = $0 { line } else { nil } }
    }

    /// Runs `command` to its end; `onEvent` may act on the supervisor (terminate).
    static func run(
        _ command: ChildCommand,
        configure: (inout SupervisorOptions) -> Void = { _ in },
        onEvent: (SupervisorEvent, Supervisor) -> Void = { _, _ in }
    ) throws -> ChildRun {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("child-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutPath = directory.appendingPathComponent("stdout").path
        let stderrPath = directory.appendingPathComponent("stderr").path
        let stdoutFile = open(stdoutPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let stderrFile = open(stderrPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(stdoutFile); close(stderrFile) }

        var options = SupervisorOptions()
        options.stdoutDestination = stdoutFile
        options.stderrDestination = stderrFile
        // Tests must not take over the test runner's signals.
        options.forwardsStopSignals = false
        configure(&options)
        let supervisor = Supervisor(command: command, options: options)
        var events: [SupervisorEvent] = []
        let outcome = try supervisor.run { event in
            events.append(event)
            onEvent(event, supervisor)
        }
        return ChildRun(
            outcome: outcome, events: events,
            stdout: Array(FileManager.default.contents(atPath: stdoutPath) ?? Data()),
            stderr: Array(FileManager.default.contents(atPath: stderrPath) ?? Data())
        )
    }
}

/// The built supervisor-parent helper, next to the test bundle.
enum SupervisorParentBinary {
    static var url: URL {
        let directory = Bundle.main.bundleURL.pathExtension == "xctest"
            ? Bundle.main.bundleURL.deletingLastPathComponent()
            : Bundle.main.bundleURL
        return directory.appendingPathComponent("supervisor-parent")
    }
}

/// Whether `pid` is gone: no such process, or a zombie nobody reaped yet
/// (a container's init may not reap orphans).
func processIsGone(_ pid: pid_t) -> Bool {
    if kill(pid, 0) != 0 { return errno == ESRCH }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    return stat[stat.index(close, offsetBy: 2)] == "Z"
}
