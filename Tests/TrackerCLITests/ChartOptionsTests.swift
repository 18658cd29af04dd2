import Testing
@testable import TrackerCLI
import Plots

@Suite struct ChartOptionsTests {
    private let spec = CommandSpec(name: "history", abstract: "History.", options: ChartOptions.all)

    private func chart(_ words: [String], terminal: TerminalInfo = .plain) throws -> LineChart {
        guard case .arguments(let arguments) = try ArgumentParser.parse(words, for: spec) else {
            throw UsageError.invalid("help")
        }
        let (context, _, _) = capturingContext(terminal: terminal)
        return try ChartOptions.chart([], arguments: arguments, context: context, yLabel: "loss")
    }

    @Test func optionsSetTheSizeAndScale() throws {
        let chart = try chart(["--width", "42", "--height=9", "--log-y"])
        #expect(chart.width == 42)
        #expect(chart.height == 9)
        #expect(chart.logY)
    }

    @Test func theDefaultWidthFitsTheTerminal() throws {
        var terminal = TerminalInfo.plain
        terminal.width = 70
        #expect(try chart([], terminal: terminal).width == 70 - ChartOptions.labelAllowance)
        terminal.width = 300
        #expect(try chart([], terminal: terminal).width == ChartOptions.widestDefault)
    }

    @Test func tooSmallSizesAreUsageErrors() {
        #expect(throws: UsageError.invalidValue(value: "2", argument: "--height", expected: "an integer >= 3")) {
            try chart(["--height", "2"])
        }
    }
}
