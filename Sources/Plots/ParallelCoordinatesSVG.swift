/// Every swept param and the objective as vertical axes, one line per
/// setting across them, coloured by the objective (brighter is better) and
/// the best drawn on top in thick orange. Param axes are ordinal (their
/// distinct values evenly spaced), so 0 and 1e-4 share an axis with 1e-2.
public struct ParallelCoordinatesSVG {
    public struct Axis {
        public var name: String
        /// Sorted distinct values, as shown.
        public var labels: [String]

        public init(name: String, labels: [String]) {
            self.name = name
            self.labels = labels
        }
    }

    public struct Line {
        /// Index into each axis' labels, aligned with `axes`.
        public var positions: [Int]
        public var objective: Double
        public var label: String

        public init(positions: [Int], objective: Double, label: String) {
            self.positions = positions
            self.objective = objective
            self.label = label
        }
    }

    public var plot = "parallel-coordinates"
    public var title: String
    public var axes: [Axis]
    public var lines: [Line]
    public var objective: String
    public var lowerIsBetter: Bool

    public init(plot: String = "parallel-coordinates", title: String, axes: [Axis], lines: [Line], objective: String, lowerIsBetter: Bool) {
        self.plot = plot
        self.title = title
        self.axes = axes
        self.lines = lines
        self.objective = objective
        self.lowerIsBetter = lowerIsBetter
    }

    public func render() -> String {
        let spacing = 140.0, left = 70.0, top = 44.0, plotHeight = 260.0
        let width = max(540, left + spacing * Double(axes.count) + 60)
        let height = top + plotHeight + 44
        var svg = SVGBuilder(plot: plot, width: width, height: height)
        svg.text(title, x: 20, y: 20, size: 14, extra: [("font-weight", "600")])
        let values = lines.map(\.objective)
        let objectiveScale = PlotScale(covering: values, from: top + plotHeight, to: top)
        let low = values.min() ?? 0, high = values.max() ?? 1
        func goodness(_ value: Double) -> Double {
            guard high > low else { return 1 }
            return lowerIsBetter ? (high - value) / (high - low) : (value - low) / (high - low)
        }
        func x(_ axis: Int) -> Double { left + spacing * Double(axis) }
        func y(_ axis: Int, _ position: Int) -> Double {
            let count = axes[axis].labels.count
            return count <= 1 ? top + plotHeight / 2 : top + plotHeight - plotHeight * Double(position) / Double(count - 1)
        }
        let objectiveX = x(axes.count)
        let best = lowerIsBetter ? values.min() : values.max()
        // Worst first, so the better lines are drawn over them.
        let ordered = lines.sorted { goodness($0.objective) < goodness($1.objective) }
        for line in ordered {
            var points = line.positions.enumerated().map { (x($0.offset), y($0.offset, $0.element)) }
            points.append((objectiveX, objectiveScale.position(line.objective)))
            let isBest = line.objective == best
            svg.polyline(points, stroke: isBest ? "#D55E00" : Palette.ramp(goodness(line.objective)), width: isBest ? 4 : 1.8,
                         attributes: [("data-setting", line.label)] + (isBest ? [("data-mark", "best")] : []),
                         title: "\(line.label): \(objective) \(NumberFormatting.compact(line.objective))")
        }
        for (index, axis) in axes.enumerated() {
            svg.line(x1: x(index), y1: top, x2: x(index), y2: top + plotHeight, stroke: Palette.axis, width: 1.5)
            svg.text(axis.name, x: x(index), y: top + plotHeight + 30, anchor: "middle", size: 12, extra: [("font-weight", "600")])
            let step = max(1, axis.labels.count / 8)
            for (position, label) in axis.labels.enumerated() where position % step == 0 || position == axis.labels.count - 1 {
                let (px, py) = (x(index) - 6, y(index, position) + 4)
                svg.element("rect", [("x", Markup.number(px - 7.0 * Double(label.count) - 2)), ("y", Markup.number(py - 12)),
                                     ("width", Markup.number(7.0 * Double(label.count) + 4)), ("height", "16"),
                                     ("fill", "#fff"), ("fill-opacity", "0.85")])
                svg.text(label, x: px, y: py, anchor: "end", size: 11)
            }
        }
        svg.line(x1: objectiveX, y1: top, x2: objectiveX, y2: top + plotHeight, stroke: Palette.axis, width: 1.5)
        svg.text(objective, x: objectiveX, y: top + plotHeight + 30, anchor: "middle", size: 12, extra: [("font-weight", "600")])
        for tick in objectiveScale.ticks() {
            svg.text(NumberFormatting.compact(tick), x: objectiveX + 6, y: objectiveScale.position(tick) + 4, size: 11)
        }
        return svg.render(title: title)
    }
}
