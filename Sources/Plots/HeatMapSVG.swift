/// The objective over a grid of two swept params: one cell per pair of
/// values, coloured on the viridis ramp (better is brighter), the value
/// written in the cell, the best cell outlined.
public struct HeatMapSVG {
    public var plot = "heatmap"
    public var title: String
    public var xName: String
    public var yName: String
    public var xValues: [String]
    public var yValues: [String]
    /// [y][x]; nil where no finished run measured the pair.
    public var values: [[Double?]]
    public var objective: String
    public var lowerIsBetter: Bool

    public init(plot: String = "heatmap", title: String, xName: String, yName: String, xValues: [String], yValues: [String], values: [[Double?]], objective: String, lowerIsBetter: Bool) {
        self.plot = plot
        self.title = title
        self.xName = xName
        self.yName = yName
        self.xValues = xValues
        self.yValues = yValues
        self.values = values
        self.objective = objective
        self.lowerIsBetter = lowerIsBetter
    }

    public func render() -> String {
        let cellWidth = max(56.0, min(110, 560 / Double(max(1, xValues.count))))
        let cellHeight = max(30.0, min(60, 300 / Double(max(1, yValues.count))))
        // Room for the longest labels: y labels to the left, x labels slanted when wider than a cell.
        let characterWidth = 6.6
        let left = max(90, 34 + characterWidth * Double(yValues.map(\.count).max() ?? 0))
        let slantsX = characterWidth * Double(xValues.map(\.count).max() ?? 0) > cellWidth - 6
        let xLabelDepth = slantsX ? 0.5 * characterWidth * Double(xValues.map(\.count).max() ?? 0) + 10 : 0
        let top = 40.0, legendWidth = 90.0
        let width = left + cellWidth * Double(xValues.count) + legendWidth
        let height = top + cellHeight * Double(yValues.count) + 50 + xLabelDepth
        var svg = SVGBuilder(plot: plot, width: width, height: height)
        let known = values.flatMap { $0.compactMap { $0 } }
        let low = known.min() ?? 0, high = known.max() ?? 1
        let best = lowerIsBetter ? low : high
        func goodness(_ value: Double) -> Double {
            guard high > low else { return 1 }
            return lowerIsBetter ? (high - value) / (high - low) : (value - low) / (high - low)
        }
        svg.text(title, x: left, y: 20, size: 14, extra: [("font-weight", "600")])
        for (row, yValue) in yValues.enumerated() {
            // Largest y value on top, as on any y axis.
            let cy = top + cellHeight * Double(yValues.count - 1 - row)
            svg.text(yValue, x: left - 6, y: cy + cellHeight / 2 + 4, anchor: "end", size: 11)
            for (column, xValue) in xValues.enumerated() {
                let cx = left + cellWidth * Double(column)
                let label = "\(xName)=\(xValue), \(yName)=\(yValue)"
                guard let value = values[row][column] else {
                    svg.rect(x: cx + 1, y: cy + 1, width: cellWidth - 2, height: cellHeight - 2, fill: "#f2f2f2",
                             attributes: [("data-cell", "empty")], title: label + ": no finished run")
                    continue
                }
                let fraction = goodness(value)
                svg.rect(x: cx + 1, y: cy + 1, width: cellWidth - 2, height: cellHeight - 2, fill: Palette.ramp(fraction),
                         attributes: [("data-cell", "value")], title: "\(label): \(objective) \(NumberFormatting.compact(value))")
                svg.text(NumberFormatting.compact(value), x: cx + cellWidth / 2, y: cy + cellHeight / 2 + 4, anchor: "middle",
                         size: 11, extra: [("fill", Palette.textOnRamp(fraction))])
                if value == best {
                    svg.element("rect", [("x", Markup.number(cx + 2)), ("y", Markup.number(cy + 2)), ("width", Markup.number(cellWidth - 4)),
                                         ("height", Markup.number(cellHeight - 4)), ("fill", "none"), ("stroke", "#D55E00"),
                                         ("stroke-width", "3"), ("data-mark", "best")])
                }
            }
        }
        let gridBottom = top + cellHeight * Double(yValues.count)
        for (column, xValue) in xValues.enumerated() {
            let x = left + cellWidth * (Double(column) + 0.5)
            if slantsX {
                svg.text(xValue, x: x + 4, y: gridBottom + 14, anchor: "end", size: 11, rotate: -30)
            } else {
                svg.text(xValue, x: x, y: gridBottom + 16, anchor: "middle", size: 11)
            }
        }
        svg.text(xName, x: left + cellWidth * Double(xValues.count) / 2, y: gridBottom + 38 + xLabelDepth, anchor: "middle", size: 12)
        svg.text(yName, x: 16, y: (top + gridBottom) / 2, anchor: "middle", size: 12, rotate: -90)
        // Colour key: the objective's range, best at the top.
        let keyX = left + cellWidth * Double(xValues.count) + 24
        for step in 0..<20 {
            let fraction = 1 - Double(step) / 19
            svg.rect(x: keyX, y: top + Double(step) * (cellHeight * Double(yValues.count) / 20), width: 14,
                     height: cellHeight * Double(yValues.count) / 20 + 0.5, fill: Palette.ramp(fraction))
        }
        svg.text(NumberFormatting.compact(best), x: keyX + 18, y: top + 10, size: 10)
        svg.text(NumberFormatting.compact(lowerIsBetter ? high : low), x: keyX + 18, y: gridBottom, size: 10)
        svg.text(objective, x: keyX, y: gridBottom + 16, size: 10)
        return svg.render(title: title)
    }
}
