/// Curves over epochs, overlaid: the loss, accuracy and weight-norm plots.
/// Each series' best epoch is a filled circle and an early stop a cross, so
/// "train keeps falling while val rises" and where training ended are both
/// visible. With `offersLogScale` the chart is drawn twice, linear and log
/// y; the page's toggle shows one of them.
public struct LineChartSVG {
    public struct Series {
        public var label: String
        /// The run this series belongs to, for toggling runs on the page.
        public var run: Int
        public var color: String
        public var dashed: Bool
        public var points: [(x: Double, y: Double)]
        public var bestX: Double?
        public var stopX: Double?

        public init(label: String, run: Int, color: String, dashed: Bool, points: [(x: Double, y: Double)], bestX: Double?, stopX: Double?) {
            self.label = label
            self.run = run
            self.color = color
            self.dashed = dashed
            self.points = points
            self.bestX = bestX
            self.stopX = stopX
        }
    }

    public var plot: String
    public var title: String
    public var xTitle = "epoch"
    public var yTitle: String
    public var series: [Series]
    public var offersLogScale = false
    /// Which drawing shows first when both are drawn.
    public var startsInLogScale = false
    public var width = 640.0
    public var height = 320.0

    public init(plot: String, title: String, xTitle: String = "epoch", yTitle: String, series: [Series], offersLogScale: Bool = false, startsInLogScale: Bool = false, width: Double = 640.0, height: Double = 320.0) {
        self.plot = plot
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.offersLogScale = offersLogScale
        self.startsInLogScale = startsInLogScale
        self.width = width
        self.height = height
    }

    public func render() -> String {
        let frame = PlotFrame(width: width, height: height)
        var svg = SVGBuilder(plot: plot, width: width, height: height)
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let x = frame.xScale(xs)
        let canLog = offersLogScale && ys.contains { $0 > 0 }
        for log in canLog ? [false, true] : [false] {
            let y = frame.yScale(ys, log: log)
            let scale = log ? "log" : "linear"
            let hidden = canLog && log != startsInLogScale
            svg.open("g", [("data-scale", scale)] + (hidden ? [("style", "display:none")] : []))
            frame.draw(into: &svg, x: x, y: y, xTitle: xTitle, yTitle: AxisLabel.logScale(yTitle, log), title: title)
            let visible = series.map { line in line.points.filter { !log || $0.y > 0 } }
            for (line, points) in zip(series, visible) {
                svg.polyline(points.map { (x.position($0.x), y.position($0.y)) }, stroke: line.color,
                             width: line.dashed ? 1.6 : 2.2, dash: line.dashed ? "6 4" : nil,
                             attributes: [("data-run", String(line.run)), ("data-series", line.label), ("data-points", String(points.count))],
                             title: line.label)
            }
            // Marks after every line, so that no later curve hides a run's best epoch or stop.
            for (line, points) in zip(series, visible) {
                let run = ("data-run", String(line.run))
                if let best = line.bestX, let point = points.first(where: { $0.x == best }) {
                    svg.circle(x: x.position(point.x), y: y.position(point.y), radius: 4.5, fill: line.color, stroke: "#fff",
                               attributes: [run, ("data-mark", "best")],
                               title: "\(line.label): best epoch \(NumberFormatting.compact(point.x)), \(NumberFormatting.compact(point.y))")
                }
                if !line.dashed, let stop = line.stopX, let point = points.last(where: { $0.x <= stop }) {
                    let (px, py) = (x.position(point.x), y.position(point.y))
                    svg.open("g", [run, ("data-mark", "stop")])
                    svg.element("title", [], text: "\(line.label): stopped early at epoch \(NumberFormatting.compact(point.x))")
                    svg.line(x1: px - 5, y1: py - 5, x2: px + 5, y2: py + 5, stroke: line.color, width: 2.5)
                    svg.line(x1: px - 5, y1: py + 5, x2: px + 5, y2: py - 5, stroke: line.color, width: 2.5)
                    svg.close("g")
                }
            }
            svg.close("g")
        }
        return svg.render(title: title)
    }
}
