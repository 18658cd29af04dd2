/// Points and lines on shared axes: the fitted function of the sine task
/// (true function, training points, the model's prediction) and best
/// regularization strength versus data-set size across sweep versions.
public struct ScatterLineSVG {
    public struct Series {
        public var label: String
        public var color: String
        public var points: [(x: Double, y: Double)]
        public var drawsLine: Bool
        public var drawsPoints: Bool
        public var dashed = false
        /// Text beside each point (e.g. the sweep's name), aligned with `points`.
        public var pointLabels: [String] = []

        public init(label: String, color: String, points: [(x: Double, y: Double)], drawsLine: Bool, drawsPoints: Bool, dashed: Bool = false, pointLabels: [String] = []) {
            self.label = label
            self.color = color
            self.points = points
            self.drawsLine = drawsLine
            self.drawsPoints = drawsPoints
            self.dashed = dashed
            self.pointLabels = pointLabels
        }
    }

    public var plot: String
    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var series: [Series]
    public var logX = false
    public var logY = false
    public var width = 640.0
    public var height = 320.0

    public init(plot: String, title: String, xTitle: String, yTitle: String, series: [Series], logX: Bool = false, logY: Bool = false, width: Double = 640.0, height: Double = 320.0) {
        self.plot = plot
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.logX = logX
        self.logY = logY
        self.width = width
        self.height = height
    }

    public func render() -> String {
        let frame = series.count > 1 ? PlotFrame(width: width, height: height).withLegend() : PlotFrame(width: width, height: height)
        var svg = SVGBuilder(plot: plot, width: width, height: height)
        let x = frame.xScale(series.flatMap { $0.points.map(\.x) }, log: logX)
        let y = frame.yScale(series.flatMap { $0.points.map(\.y) }, log: logY)
        frame.draw(into: &svg, x: x, y: y, xTitle: xTitle, yTitle: yTitle, title: title)
        for line in series {
            let points = line.points.filter { (!logX || $0.x > 0) && (!logY || $0.y > 0) }
            if line.drawsLine {
                svg.polyline(points.map { (x.position($0.x), y.position($0.y)) }, stroke: line.color, width: 2.2,
                             dash: line.dashed ? "6 4" : nil,
                             attributes: [("data-series", line.label), ("data-points", String(points.count))], title: line.label)
            }
            if line.drawsPoints {
                svg.open("g", [("data-series", line.label), ("data-points", String(points.count))])
                for point in points {
                    svg.circle(x: x.position(point.x), y: y.position(point.y), radius: 3.5, fill: line.color, stroke: "#fff",
                               title: "\(line.label): (\(NumberFormatting.compact(point.x)), \(NumberFormatting.compact(point.y)))")
                }
                svg.close("g")
            }
            for (point, label) in zip(points, line.pointLabels) {
                // Labels in the right half read leftwards so they stay inside the plot.
                let px = x.position(point.x), rightHalf = px > (frame.plotLeft + frame.plotRight) / 2
                svg.text(label, x: px + (rightHalf ? -8 : 8), y: y.position(point.y) - 8, anchor: rightHalf ? "end" : "start", size: 11)
            }
        }
        if series.count > 1 {
            PlotLegend(items: series.map { PlotLegend.Item(label: $0.label, color: $0.color, dashed: $0.dashed, isPoint: !$0.drawsLine) })
                .draw(into: &svg, left: frame.plotLeft, baseline: frame.legendBaseline)
        }
        return svg.render(title: title)
    }
}
