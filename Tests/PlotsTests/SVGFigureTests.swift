import Testing
import Foundation
@testable import Plots

@Suite struct ReportSVGTests {
    @Test func markupEscapesEverythingThatCouldOpenATagOrAttribute() {
        #expect(Markup.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        var svg = SVGBuilder(plot: "p\"x", width: 10, height: 10)
        svg.text("</svg><script>", x: 1, y: 1, extra: [("data-x", "\" onload=\"x")])
        let text = svg.render(title: "<t>")
        #expect(!text.contains("<script>") && !text.contains("\" onload"))
        #expect(text.hasPrefix("<svg data-plot=\"p&quot;x\"") && text.contains("<title>&lt;t&gt;</title>"))
    }

    /// A learning rate logged through Float wobbles in its last bits; its
    /// axis must not magnify that into cliffs. A real change stays visible.
    @Test func valuesEqualButForRoundingGetOneValuesAxis() {
        for log in [false, true] {
            let wobbling = PlotScale(covering: [0.001, Double(Float(0.001)), 0.001], from: 0, to: 100, log: log)
            #expect(abs(wobbling.position(0.001) - wobbling.position(Double(Float(0.001)))) < 0.01)
            #expect(wobbling.high / wobbling.low > 1.1)
            let changing = PlotScale(covering: [0.001, 0.0009], from: 0, to: 100, log: log)
            #expect(abs(changing.position(0.001) - changing.position(0.0009)) > 50)
        }
    }

    @Test func scalesMapEndsToTheEdgesAndPickRoundTicks() {
        let linear = PlotScale(low: 0, high: 10, start: 100, end: 200, isLog: false)
        #expect(linear.position(0) == 100 && linear.position(10) == 200 && linear.position(5) == 150)
        #expect(linear.ticks(count: 5) == [0, 2, 4, 6, 8, 10])
        let log = PlotScale(low: 1e-3, high: 10, start: 0, end: 400, isLog: true)
        #expect(abs(log.position(1e-1) - 200) < 1e-9)
        #expect(log.ticks() == [1e-3, 1e-2, 1e-1, 1, 10])
        // Downward y: the larger value is higher on the screen.
        let y = PlotScale(low: 0, high: 1, start: 300, end: 20, isLog: false)
        #expect(y.position(1) < y.position(0))
    }

    @Test func aLineChartMarksTheBestEpochAndTheEarlyStopOnTheValidationCurve() {
        let points = (1...10).map { (x: Double($0), y: 1 / Double($0)) }
        let chart = LineChartSVG(plot: "loss-curves", title: "t", yTitle: "loss", series: [
            .init(label: "r train_loss", run: 0, color: "#000", dashed: true, points: points, bestX: nil, stopX: 10),
            .init(label: "r val_loss", run: 0, color: "#000", dashed: false, points: points, bestX: 4, stopX: 10),
        ]).render()
        #expect(occurrences("<polyline", in: chart[...]) == 2)
        #expect(occurrences("data-mark=\"best\"", in: chart[...]) == 1)
        #expect(occurrences("data-mark=\"stop\"", in: chart[...]) == 1)
        #expect(chart.contains("best epoch 4, 0.25"))
    }

    @Test func theHeatMapColoursBetterValuesBrighterAndLeavesMissingCellsGrey() {
        let map = HeatMapSVG(title: "t", xName: "wd", yName: "dropout", xValues: ["0", "1"], yValues: ["0"],
                             values: [[0.5, nil]], objective: "val_loss", lowerIsBetter: true).render()
        #expect(occurrences("data-cell=\"value\"", in: map[...]) == 1)
        #expect(occurrences("data-cell=\"empty\"", in: map[...]) == 1)
        #expect(Palette.ramp(0) != Palette.ramp(1))
    }
}

/// How many times `needle` occurs in `text`.
private func occurrences(_ needle: String, in text: Substring) -> Int {
    text.components(separatedBy: needle).count - 1
}
