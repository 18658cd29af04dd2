/// "imported 120/4000 runs" on stderr while an import runs: rewritten in
/// place on a terminal, a line every `linesEvery` runs in a log, nothing for
/// small imports in a pipe.
final class ImportProgress {
    static let linesEvery = 500

    private let context: CommandContext
    private let total: Int
    private var shownOnTerminal = false

    init(context: CommandContext, total: Int) {
        self.context = context
        self.total = total
    }

    func update(_ done: Int) {
        if context.terminal.stderrIsTerminal {
            context.console.writeError("\rimported \(done)/\(total) runs")
            shownOnTerminal = true
        } else if done % Self.linesEvery == 0 {
            context.printError("imported \(done)/\(total) runs")
        }
    }

    func finish() {
        if shownOnTerminal { context.console.writeError("\n") }
    }
}
