import Foundation
@testable import TrackerCLI

/// What one in-process run of the CLI printed and returned.
struct CLIResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

/// Collects text written through a `Console`.
final class CapturedText {
    var text = ""
}

/// Runs `tracker WORDS...` in-process with captured output, a given
/// environment and terminal, and scripted stdin lines.
func runCLI(
    _ words: [String], environment: [String: String] = [:], terminal: TerminalInfo = .plain, input: [String] = []
) -> CLIResult {
    let (context, out, err) = capturingContext(environment: environment, terminal: terminal, input: input)
    let code = TrackerCLI.run(words, context: context)
    return CLIResult(exitCode: code, stdout: out.text, stderr: err.text)
}

func capturingContext(
    environment: [String: String] = [:], terminal: TerminalInfo = .plain, input: [String] = []
) -> (CommandContext, CapturedText, CapturedText) {
    let out = CapturedText(), err = CapturedText()
    var pending = input[...]
    let console = Console(
        writeOut: { out.text += $0 },
        writeError: { err.text += $0 },
        readLine: { pending.popFirst() })
    return (CommandContext(console: console, environment: environment, terminal: terminal), out, err)
}

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tracker-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
