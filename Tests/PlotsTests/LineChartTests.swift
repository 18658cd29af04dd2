import Testing
@testable import Plots

/// The plot rows of a rendered chart: what follows each y-axis bar.
private func plotRows(_ text: String) -> [[Character]] {
    text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
        guard let bar = line.firstIndex(where: { $0 == "┤" || $0 == "│" }) else { return nil }
        return Array(line[line.index(after: bar)...])
    }
}

private func character(at row: Int, _ column: Int, in rows: [[Character]]) -> Character {
    column < rows[row].count ? rows[row][column] : " "
}

@Suite struct LineChartTests {
    @Test func pointsLandInTheExpectedCells() {
        let diagonal = ChartSeries(name: "up", points: (0...9).map { ChartPoint(x: Double($0), y: Double($0)) })
        let rows = plotRows(LineChart(series: [diagonal], width: 10, height: 10).render())
        #expect(rows.count == 10)
        for step in 0...9 {
            // y = step sits `9 - step` rows from the top, in column `step`.
            #expect(character(at: 9 - step, step, in: rows) == "*", "point \(step)")
        }
        let marked = rows.joined().filter { $0 == "*" }.count
        #expect(marked == 10)
    }

    @Test func seriesGetDistinctMarkersAndHighlightsAreDrawnOnTop() {
        let falling = ChartSeries(
            name: "val_loss", points: [ChartPoint(x: 0, y: 4), ChartPoint(x: 4, y: 0)], highlight: ChartPoint(x: 4, y: 0))
        let flat = ChartSeries(name: "train_loss", points: [ChartPoint(x: 0, y: 2), ChartPoint(x: 4, y: 2)])
        let text = LineChart(series: [falling, flat], width: 5, height: 5).render()
        let rows = plotRows(text)
        #expect(character(at: 0, 0, in: rows) == "*")
        #expect(character(at: 4, 4, in: rows) == "@")
        #expect(character(at: 2, 0, in: rows) == "+")
        #expect(character(at: 2, 4, in: rows) == "+")
        #expect(text.contains("* val_loss   + train_loss   @ best"))
    }

    @Test func axesCarryTickValuesAndLabels() {
        let series = ChartSeries(name: "loss", points: [ChartPoint(x: 1, y: 0.5), ChartPoint(x: 200, y: 2.5)])
        let text = LineChart(series: [series], width: 40, height: 9, xLabel: "epoch", yLabel: "loss").render()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "loss")
        #expect(lines[1].hasPrefix("2.5 ┤"))
        #expect(lines[9].hasPrefix("0.5 ┤"))
        #expect(lines[5].hasPrefix("1.5 ┤"))
        let axis = lines[10]
        #expect(axis.hasPrefix("    └"))
        #expect(axis.contains("┬"))
        let tickLabels = lines[11]
        #expect(tickLabels.trimmingPrefixSpaces.hasPrefix("1 "))
        #expect(tickLabels.hasSuffix("200"))
        #expect(lines[12].hasSuffix("epoch"))
    }

    @Test func logScaleSpacesDecadesEvenlyAndSkipsNonPositiveValues() {
        let series = ChartSeries(
            name: "loss",
            points: [ChartPoint(x: 0, y: 100), ChartPoint(x: 1, y: 10), ChartPoint(x: 2, y: 1), ChartPoint(x: 3, y: 0)])
        let text = LineChart(series: [series], width: 3, height: 3, logY: true).render()
        let rows = plotRows(text)
        #expect(character(at: 0, 0, in: rows) == "*")
        #expect(character(at: 1, 1, in: rows) == "*")
        #expect(character(at: 2, 2, in: rows) == "*")
        #expect(text.hasPrefix("value (log scale)\n100 ┤"))
        #expect(text.contains("\n 10 ┤"))
        #expect(text.contains("\n  1 ┤"))
    }

    @Test func sizeOptionsSetThePlotArea() {
        let series = ChartSeries(name: "s", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)])
        let rows = plotRows(LineChart(series: [series], width: 33, height: 7).render())
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { $0.count <= 33 })
        #expect(rows[0].count == 33)
    }

    @Test func aFlatOrEmptyChartStillRenders() {
        let flat = ChartSeries(name: "s", points: [ChartPoint(x: 5, y: 1)])
        let rows = plotRows(LineChart(series: [flat], width: 5, height: 5).render())
        #expect(rows.joined().filter { $0 == "*" }.count == 1)
        #expect(LineChart(series: []).render() == "(no points to plot)\n")
    }

    @Test func colourWrapsMarkersOnlyWhenAsked() {
        let series = ChartSeries(name: "s", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 1, y: 1)])
        #expect(!LineChart(series: [series]).render().contains("\u{1B}["))
        #expect(LineChart(series: [series], useColor: true).render().contains("\u{1B}[34m*\u{1B}[0m"))
    }
}

extension String {
    fileprivate var trimmingPrefixSpaces: Substring { drop { $0 == " " } }
}

@Suite struct AxisTicksTests {
    @Test func linearTicksAreRoundMultiples() {
        #expect(AxisTicks.linear(from: 0.05, to: 2.1, count: 5) == [0.5, 1, 1.5, 2])
        #expect(AxisTicks.linear(from: 0, to: 100, count: 5) == [0, 25, 50, 75, 100])
        #expect(AxisTicks.linear(from: 1, to: 120, count: 6) == [25, 50, 75, 100])
    }

    @Test func logTicksUsePowersOfTenThenFillIn() {
        #expect(AxisTicks.logarithmic(from: 1e-4, to: 1, count: 5) == [1e-4, 1e-3, 1e-2, 1e-1, 1])
        #expect(AxisTicks.logarithmic(from: 0.05, to: 2.1, count: 5) == [0.1, 0.3, 1])
        #expect(AxisTicks.logarithmic(from: 0.2, to: 0.9, count: 5) == [0.2, 0.5])
    }

    @Test(arguments: [(0.51, 0.5), (0.12, 0.1), (23.8, 25), (8, 10), (1.9, 2)])
    func stepsRoundToOneTwoTwoAndAHalfOrFive(raw: Double, step: Double) {
        #expect(abs(AxisTicks.niceStep(raw) - step) < 1e-12)
    }
}
