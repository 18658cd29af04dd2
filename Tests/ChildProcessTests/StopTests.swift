import Foundation
import Testing
@testable import ChildProcess

@Suite("Stopping children: terminate, grace period, forwarded signals, parent death", .serialized)
struct StopTests {
    /// A shell child that says it is ready once its trap is set, then waits.
    static func waitingChild(trap: String) -> ChildCommand {
        ChildCommand("/bin/sh", arguments: ["-c", "\(trap); echo '@tracker {\"notes\": \"ready\"}'; while :; do sleep 0.05; done"])
    }

    @Test func terminateSendsSIGTERMAndTheChildEndsOnItsOwn() throws {
        let child = Self.waitingChild(trap: "trap 'echo stopping >&2; exit 0' TERM")
        let run = try ChildRun.run(child) { $0.gracePeriod = .seconds(30) } onEvent: { event, supervisor in
            if case .message(let message, _) = event, message.notes == "ready" { supervisor.terminate() }
        }
        #expect(run.outcome.termination == .exited(code: 0))
        #expect(run.outcome.stopRequest == .terminate)
        #expect(run.outcome.wasKilled == false)
        #expect(run.outcome.exitCode == 130)
        #expect(run.outcome.stderrTail == ["stopping"])
    }

    @Test func aChildIgnoringSIGTERMIsKilledAfterTheGracePeriod() throws {
        let child = ChildCommand("/bin/sh", arguments: ["-c", "trap '' TERM; echo '@tracker {\"notes\": \"ready\"}'; exec sleep 30"])
        let run = try ChildRun.run(child) { $0.gracePeriod = .milliseconds(300) } onEvent: { event, supervisor in
            if case .message(let message, _) = event, message.notes == "ready" { supervisor.terminate() }
        }
        #expect(run.outcome.termination == .signaled(signal: SIGKILL))
        #expect(run.outcome.wasKilled)
        #expect(run.outcome.stopRequest == .terminate)
        #expect(run.outcome.exitCode == 130)
    }

    @Test func aSecondStopRequestKillsAtOnce() throws {
        let child = ChildCommand("/bin/sh", arguments: ["-c", "trap '' TERM; echo '@tracker {\"notes\": \"ready\"}'; exec sleep 30"])
        let run = try ChildRun.run(child) { $0.gracePeriod = .seconds(60) } onEvent: { event, supervisor in
            if case .message(let message, _) = event, message.notes == "ready" {
                supervisor.terminate()
                supervisor.terminate()
            }
        }
        #expect(run.outcome.termination == .signaled(signal: SIGKILL))
        #expect(run.outcome.wasKilled)
    }

    /// Starts supervisor-parent; its stdout lines arrive through `readLine`.
    final class Parent {
        let process = Process()
        private let output = Pipe()
        private var buffer = Data()

        init(arguments: [String]) throws {
            process.executableURL = SupervisorParentBinary.url
            process.arguments = arguments
            process.standardOutput = output
            try process.run()
        }

        /// The next line starting with `prefix`, or nil at end of output.
        func line(startingWith prefix: String) -> String? {
            while true {
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer = Data(buffer[buffer.index(after: newline)...])
                    if line.hasPrefix(prefix) { return line }
                }
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
    }

    @Test func sigtermToTheParentIsForwardedToTheChild() throws {
        let script = "trap 'echo got-term; exit 0' TERM; echo ready; while :; do sleep 0.05; done"
        let parent = try Parent(arguments: ["30000", "/bin/sh", "-c", script])
        #expect(parent.line(startingWith: "ready") != nil)
        kill(parent.process.processIdentifier, SIGTERM)
        #expect(parent.line(startingWith: "got-term") != nil)
        #expect(parent.line(startingWith: "outcome") == "outcome 130 signal(15) false")
        parent.process.waitUntilExit()
    }

    @Test func killingTheParentWithSIGKILLKillsTheChild() throws {
        let parent = try Parent(arguments: [])
        let line = try #require(parent.line(startingWith: "child "))
        let child = try #require(pid_t(line.dropFirst("child ".count)))
        #expect(!processIsGone(child))
        kill(parent.process.processIdentifier, SIGKILL)
        parent.process.waitUntilExit()
        // The kernel sends the child SIGKILL as the parent dies; allow a loaded machine 5 s.
        var gone = processIsGone(child)
        for _ in 0..<100 where !gone {
            usleep(50_000)
            gone = processIsGone(child)
        }
        #expect(gone, "child \(child) outlived its parent")
        if !gone { kill(child, SIGKILL) }
    }
}
