import TrackerStore

/// "pushed 120/4000 runs (51200 points)" on stderr while a push runs:
/// rewritten in place on a terminal, a line every `linesEvery` runs in a
/// log, nothing for small pushes in a pipe.
final class PushProgress {
    static let linesEvery = 100

    private let context: CommandContext
    private var shownOnTerminal = false

    init(context: CommandContext) {
        self.context = context
    }

    func update(_ progress: RunTransferProgress) {
        let line = "pushed \(progress.done)/\(progress.total) runs (\(progress.points) points)"
        if context.terminal.stderrIsTerminal {
            context.console.writeError("\r" + line)
            shownOnTerminal = true
        } else if progress.done % Self.linesEvery == 0 {
            context.printError(line)
        }
    }

    func finish() {
        if shownOnTerminal { context.console.writeError("\n") }
    }
}
