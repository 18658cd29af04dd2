import Testing
@testable import TrackerCLI

/// A clock the test moves by hand.
private final class FakeClock {
    var seconds = 100.0
}

@Suite struct ProgressReporterTests {
    @Test func aTerminalGetsOneLineRewrittenInPlace() {
        let clock = FakeClock()
        let out = CapturedText()
        let reporter = ProgressReporter(totalEpochs: 10, style: .live, write: { out.text += $0 }, now: { clock.seconds })
        clock.seconds += 2
        reporter.update(EpochProgress(epoch: 1, trainLoss: 0.9, valLoss: 1.25, best: (1, 1.25)))
        clock.seconds += 2
        reporter.update(EpochProgress(epoch: 2, trainLoss: 0.5, valLoss: 1.0, best: (2, 1.0)))
        reporter.finish()
        let writes = out.text.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(writes.count == 2)
        #expect(!out.text.dropLast().contains("\n"))
        #expect(out.text.hasSuffix("\n"))
        #expect(writes[1].hasPrefix("epoch  2/10  train_loss 0.5  val_loss 1  best val_loss 1 @ 2  elapsed 4.0s  ETA 16s"))
    }

    @Test func aShorterLineCoversTheLongerOneBeforeIt() {
        let out = CapturedText()
        let reporter = ProgressReporter(totalEpochs: 10, style: .live, write: { out.text += $0 }, now: { 0 })
        reporter.update(EpochProgress(epoch: 1, trainLoss: 0.123456, valLoss: 0.123456))
        let first = out.text.count
        out.text = ""
        reporter.update(EpochProgress(epoch: 2, trainLoss: 1))
        #expect(out.text.count == first)
    }

    @Test func aPipeGetsPlainLinesEveryNEpochs() {
        let out = CapturedText()
        let reporter = ProgressReporter(totalEpochs: 10, style: .lines(every: 4), write: { out.text += $0 }, now: { 0 })
        for epoch in 1...10 { reporter.update(EpochProgress(epoch: epoch, trainLoss: 1)) }
        reporter.finish()
        let epochs = out.text.split(separator: "\n").map { $0.split(separator: " ").filter { !$0.isEmpty }[1] }
        #expect(epochs == ["1/10", "4/10", "8/10", "10/10"])
        #expect(!out.text.contains("\r"))
    }

    @Test func theStyleFollowsTheTerminal() {
        var terminal = TerminalInfo.plain
        #expect(ProgressReporter.style(for: terminal, totalEpochs: 200) == .lines(every: 20))
        terminal.stderrIsTerminal = true
        #expect(ProgressReporter.style(for: terminal, totalEpochs: 200) == .live)
    }

    @Test(arguments: [(0.42, "0.4s"), (42, "42s"), (185, "3m05s"), (3720, "1h02m"), (Double.nan, "?")])
    func durationsReadNaturally(seconds: Double, text: String) {
        #expect(ProgressReporter.duration(seconds) == text)
    }
}

@Suite struct TerminalInfoTests {
    @Test func noColorWinsWhateverItsValue() {
        #expect(TerminalInfo.wantsColor(environment: [:]))
        #expect(!TerminalInfo.wantsColor(environment: ["NO_COLOR": ""]))
        #expect(!TerminalInfo.wantsColor(environment: ["NO_COLOR": "1"]))
        #expect(!TerminalInfo.wantsColor(environment: ["TERM": "dumb"]))
    }

    @Test func columnsSetsTheWidth() {
        #expect(TerminalInfo.width(environment: ["COLUMNS": "132"], isTerminal: false) == 132)
        #expect(TerminalInfo.width(environment: ["COLUMNS": "junk"], isTerminal: false) == TerminalInfo.defaultWidth)
    }
}
