import Foundation
import Testing
@testable import ChildProcess

@Suite("Supervisor with real children: protocol, passthrough, bad input, exit codes")
struct SupervisorTests {
    @Test(.enabled(if: Python.isAvailable))
    func descriptorMessagesArriveInOrderWithLineNumbers() throws {
        let script = """
        import json, os
        out = os.fdopen(int(os.environ["TRACKER_FD"]), "w", buffering=1)
        out.write(json.dumps({"params": {"lr": 0.001, "optimizer": "adamw"}}) + "\\n")
        for epoch in range(3):
            out.write(json.dumps({"step": epoch, "metrics": {"train_loss": 1.0 / (epoch + 1), "val_loss": float("nan")}}) + "\\n")
        out.write(json.dumps({"checkpoint": "best.pt", "step": 2, "kind": "best", "kept_step": 2}) + "\\n")
        """
        let run = try ChildRun.run(Python.command(script))
        #expect(run.outcome.termination == .exited(code: 0))
        #expect(run.outcome.messageCount == 5)
        #expect(run.outcome.malformedCount == 0)
        let origins = run.events.compactMap { if case .message(_, let origin) = $0 { origin } else { nil } }
        #expect(origins == (1...5).map { LineOrigin(channel: .descriptor, line: $0) })
        #expect(run.messages[0].params.map(\.key) == ["lr", "optimizer"])
        #expect(run.messages[1...3].map(\.step) == [0, 1, 2])
        #expect(run.messages[3].metrics.first == .init(name: "train_loss", value: 1.0 / 3))
        #expect(run.messages[3].metrics.last?.value.isNaN == true)
        #expect(run.messages[4].checkpoint == .init(path: "best.pt", step: 2, kind: .best))
        #expect(run.messages[4].keptStep == 2)
    }

    @Test(.enabled(if: Python.isAvailable))
    func childGetsItsEnvironmentAndNoOtherDescriptor() throws {
        let script = """
        import json, os
        fd = int(os.environ["TRACKER_FD"])
        def is_open(n):
            try:
                os.fstat(n); return True
            except OSError:
                return False
        fds = sorted(n for n in map(int, os.listdir("/proc/self/fd")) if is_open(n))
        note = ",".join(map(str, fds)) + ";" + os.environ["PYTHONUNBUFFERED"] + ";" + os.environ["TRACKER_RUN_ID"] + ";" + str(fd)
        os.write(fd, (json.dumps({"notes": note}) + "\\n").encode())
        """
        let run = try ChildRun.run(Python.command(script, environment: ["TRACKER_RUN_ID": "42"]))
        let note = try #require(run.messages.first?.notes)
        let parts = note.split(separator: ";").map(String.init)
        #expect(parts.count == 4)
        #expect(parts[0] == "0,1,2,\(parts[3])")
        #expect(parts[1] == "1")
        #expect(parts[2] == "42")
    }

    @Test func stdoutFallbackLinesAreDecodedAndEverythingElsePassesByteForByte() throws {
        let script = #"""
        printf 'epoch 1\r 50%%|##\r100%%|####\n'
        echo '@tracker {"step": 1, "metrics": {"loss": 0.5}}'
        printf 'no newline yet...'
        sleep 0.1
        printf ' done\n'
        echo '@tracker {"step": "one", "metrics": {"loss": 0.4}}'
        printf '@track is not the prefix\n'
        """#
        let run = try ChildRun.run(ChildCommand("/bin/sh", arguments: ["-c", script]))
        #expect(String(decoding: run.stdout, as: UTF8.self) == "epoch 1\r 50%|##\r100%|####\nno newline yet... done\n@track is not the prefix\n")
        #expect(run.messages.count == 1)
        #expect(run.messages.first?.metrics == [.init(name: "loss", value: 0.5)])
        #expect(run.malformed == [MalformedLine(origin: .init(channel: .stdout, line: 4), reason: #"step is not an integer (got "one"): send e.g. "step": 3"#)])
        #expect(run.outcome.stdoutTail == ["100%|####", "no newline yet... done", "@track is not the prefix"])
    }

    @Test func stderrPassesThroughAndItsLastLinesAreKept() throws {
        let script = "i=1; while [ $i -le 100 ]; do echo \"error line $i\" >&2; i=$((i+1)); done; exit 3"
        let run = try ChildRun.run(ChildCommand("/bin/sh", arguments: ["-c", script])) { $0.tailLines = 5 }
        #expect(run.outcome.termination == .exited(code: 3))
        #expect(run.outcome.exitCode == 3)
        #expect(!run.outcome.succeeded)
        #expect(run.outcome.stderrTail == (96...100).map { "error line \($0)" })
        #expect(String(decoding: run.stderr, as: UTF8.self) == (1...100).map { "error line \($0)\n" }.joined())
    }

    @Test(.enabled(if: Python.isAvailable))
    func hugeLinesGarbageAndBadJSONAreReportedAndTheRestIsKept() throws {
        let script = """
        import os
        fd = int(os.environ["TRACKER_FD"])
        os.write(fd, b'{"notes": "' + b"x" * (10 << 20) + b'"}\\n')
        os.write(fd, b"\\xff\\xfe\\x00\\x01 garbage\\n")
        os.write(fd, b'{"step": 1, "metrics": {"loss": 0.5}\\n')
        os.write(fd, b'{"step": 2, "metrics": {"loss": 0.25}}\\n')
        """
        let run = try ChildRun.run(Python.command(script))
        #expect(run.outcome.termination == .exited(code: 0))
        #expect(run.malformed.map(\.description) == [
            "TRACKER_FD line 1: too long (10.5 MB, limit 1 MiB): discarded; write one message per line",
            "TRACKER_FD line 2: not UTF-8 text (binary data?): write one JSON object per line",
            "TRACKER_FD line 3: not JSON: unexpected end of line inside an object at byte 37",
        ])
        #expect(run.messages.map(\.step) == [2])
        #expect(run.outcome.malformedCount == 3)
        #expect(run.outcome.messageCount == 1)
    }

    @Test func exitCodesAndSignalsAreReportedAsAShellWould() throws {
        let killed = try ChildRun.run(ChildCommand("/bin/sh", arguments: ["-c", "kill -KILL $$"]))
        #expect(killed.outcome.termination == .signaled(signal: SIGKILL))
        #expect(killed.outcome.exitCode == 137)
        #expect(killed.outcome.stopRequest == nil)
        let fine = try ChildRun.run(ChildCommand("true"))
        #expect(fine.outcome.succeeded)
    }

    @Test func aMissingCommandIsAnErrorBeforeAnythingRuns() throws {
        #expect(throws: SupervisorError.commandNotFound(name: "no-such-command-7f3a", searchPath: "/usr/bin:/bin")) {
            _ = try ChildRun.run(ChildCommand("no-such-command-7f3a", environment: ["PATH": "/usr/bin:/bin"]))
        }
        let notExecutable = FileManager.default.temporaryDirectory.appendingPathComponent("not-executable-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: notExecutable, contents: Data("echo hi\n".utf8), attributes: [.posixPermissions: 0o644]))
        defer { try? FileManager.default.removeItem(atPath: notExecutable) }
        #expect(throws: SupervisorError.cannotExecute(path: notExecutable, errno: EACCES)) {
            _ = try ChildRun.run(ChildCommand(notExecutable))
        }
        #expect(throws: SupervisorError.workingDirectoryUnusable(path: "/no/such/dir", errno: ENOENT)) {
            _ = try ChildRun.run(ChildCommand("true", workingDirectory: "/no/such/dir"))
        }
        #expect(SupervisorError.commandNotFound(name: "pyhton3", searchPath: "/usr/bin").description
            == "command not found: 'pyhton3' is in no PATH directory (/usr/bin); check the spelling, or give its path")
    }

    @Test func aGrandchildHoldingStdoutOpenDoesNotKeepRunWaiting() throws {
        // The background sleep inherits stdout and outlives the shell.
        let run = try ChildRun.run(ChildCommand("/bin/sh", arguments: ["-c", "sleep 30 & echo \"grandchild $!\""]))
        #expect(run.outcome.termination == .exited(code: 0))
        let line = try #require(run.outcome.stdoutTail.first)
        let grandchild = try #require(pid_t(line.dropFirst("grandchild ".count)))
        // run returned while the grandchild still held the pipe: it did not wait for it.
        #expect(!processIsGone(grandchild))
        kill(grandchild, SIGKILL)
    }

    @Test(.enabled(if: Python.isAvailable))
    func aHundredThousandLinesAllArrive() throws {
        let script = """
        import json, os
        out = os.fdopen(int(os.environ["TRACKER_FD"]), "w", buffering=1 << 16)
        for epoch in range(100000):
            out.write(json.dumps({"step": epoch, "metrics": {"a": 1.0, "b": 2.0, "c": 3.0, "d": epoch}}) + "\\n")
        out.flush()
        """
        var count = 0
        var lastStep: Int64 = -1
        let run = try ChildRun.run(Python.command(script), onEvent: { event, _ in
            if case .message(let message, _) = event {
                count += 1
                lastStep = message.step ?? -1
            }
        })
        #expect(count == 100_000)
        #expect(lastStep == 99_999)
        #expect(run.outcome.malformedCount == 0)
    }
}
