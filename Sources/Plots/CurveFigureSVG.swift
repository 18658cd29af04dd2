/// Learning curves for the dashboard: each metric's raw values (faint when
/// smoothed) and its smoothed curve, the best and kept epochs and an early
/// stop marked, and mean ± sd bands over seeds.
///
/// The axis frame is written on the `<svg>` as data attributes
/// (`data-x-domain`, `data-y-domain`, `data-x-range`, `data-y-range`,
/// `data-log`), so a live page can place new points exactly where this code
/// would, and knows to ask for a new figure once a point falls outside.
public struct CurveFigureSVG {
    public struct Line {
        public var curve: Curve
        public var label: String
        public var color: String
        /// A key the page uses to find this line again (e.g. the metric name).
        public var key: String
        public var bestStep: Double?
        public var keptStep: Double?
        public var stopStep: Double?
        public var isSmoothed: Bool
        /// Member curves of a group are drawn thin, under the bands.
        public var isMember: Bool

        public init(curve: Curve, label: String, color: String, key: String, bestStep: Double? = nil, keptStep: Double? = nil,
                    stopStep: Double? = nil, isSmoothed: Bool = false, isMember: Bool = false) {
            self.curve = curve
            self.label = label
            self.color = color
            self.key = key
            self.bestStep = bestStep
            self.keptStep = keptStep
            self.stopStep = stopStep
            self.isSmoothed = isSmoothed
            self.isMember = isMember
        }
    }

    public struct Band {
        public var band: MeanBand
        public var label: String
        public var color: String

        public init(band: MeanBand, label: String, color: String) {
            self.band = band
            self.label = label
            self.color = color
        }
    }

    public var plot: String
    public var title: String
    public var yTitle: String
    public var lines: [Line]
    public var bands: [Band]
    public var log: Bool
    /// Widens the x axis beyond the data (a running run's planned epochs),
    /// so a live page can add epochs without a new figure each time.
    public var xDomainEnd: Double?
    public var width: Double
    public var height: Double

    public init(plot: String, title: String, yTitle: String, lines: [Line], bands: [Band] = [], log: Bool,
                xDomainEnd: Double? = nil, width: Double = 680, height: Double = 340) {
        self.plot = plot
        self.title = title
        self.yTitle = yTitle
        self.lines = lines
        self.bands = bands
        self.log = log
        self.xDomainEnd = xDomainEnd
        self.width = width
        self.height = height
    }

    public func render() -> String {
        let frame = PlotFrame(width: width, height: height).withLegend()
        var svg = SVGBuilder(plot: plot, width: width, height: height)
        // Points are thinned to a few per pixel column before drawing; the
        // smoothed values come from the full history (see `Curve`).
        let buckets = max(1, Int(frame.plotRight - frame.plotLeft))
        let drawn = lines.map { line in
            var line = line
            line.curve = line.curve.downsampled(buckets: buckets)
            return line
        }
        var xs = drawn.flatMap(\.curve.steps) + bands.flatMap(\.band.steps)
        if let xDomainEnd { xs.append(xDomainEnd) }
        var ys = drawn.flatMap { $0.curve.values + $0.curve.smoothed }
        for band in bands {
            ys += zip(band.band.mean, band.band.sd).flatMap { [$0 - $1, $0 + $1] }
        }
        let canLog = log && ys.contains { $0 > 0 && $0.isFinite }
        let x = PlotScale(covering: xs, from: frame.plotLeft, to: frame.plotRight, log: false, includeZero: false)
        let y = frame.yScale(ys, log: canLog)
        frame.draw(into: &svg, x: x, y: y, xTitle: "epoch", yTitle: yTitle + (canLog ? " (log scale)" : ""), title: title)
        let keep: (Double, Double) -> Bool = { _, value in value.isFinite && (!canLog || value > 0) }

        // Every band's area first, then every mean line, so no band hides another's mean.
        for band in bands {
            let points = zip(band.band.steps, zip(band.band.mean, band.band.sd)).map { (step: $0, low: $1.0 - $1.1, high: $1.0 + $1.1) }
            let upper = points.map { (x.position($0.step), y.position($0.high)) }
            // On a log axis a band reaching below 0 is cut at the axis floor.
            let lower = points.reversed().map { (x.position($0.step), y.position(canLog ? max($0.low, y.low) : $0.low)) }
            svg.polygon(upper + lower, fill: band.color, opacity: 0.18,
                        attributes: [("data-band", band.label), ("data-members", String(band.band.memberCount))],
                        title: "\(band.label): mean ± sd over \(band.band.memberCount) runs")
        }
        for band in bands {
            let means = zip(band.band.steps, band.band.mean).filter { keep($0, $1) }
            svg.polyline(means.map { (x.position($0), y.position($1)) }, stroke: band.color, width: 2.2,
                         attributes: [("data-band-mean", band.label)], title: "\(band.label) mean (n=\(band.band.memberCount))")
        }
        for line in drawn {
            let curve = line.curve
            let indices = curve.steps.indices
            let common = [("data-key", line.key), ("data-last-step", curve.steps.last.map(Markup.number) ?? "")]
            if line.isSmoothed {
                let raw = indices.filter { keep(curve.steps[$0], curve.values[$0]) }
                svg.polyline(raw.map { (x.position(curve.steps[$0]), y.position(curve.values[$0])) }, stroke: line.color,
                             width: 1, attributes: common + [("data-kind", "raw"), ("stroke-opacity", "0.3")], title: line.label + " (raw)")
            }
            let values = line.isSmoothed ? curve.smoothed : curve.values
            let visible = indices.filter { keep(curve.steps[$0], values[$0]) }
            var attributes = common + [("data-kind", line.isSmoothed ? "smoothed" : "value")]
            if line.isMember { attributes += [("data-member", "1"), ("stroke-opacity", "0.45")] }
            svg.polyline(visible.map { (x.position(curve.steps[$0]), y.position(values[$0])) }, stroke: line.color,
                         width: line.isMember ? 1 : 2, attributes: attributes, title: line.label)
            // A metric logged once (test_loss after training) is a point, which a line cannot show.
            if visible.count == 1, let only = visible.first {
                svg.circle(x: x.position(curve.steps[only]), y: y.position(values[only]), radius: 4, fill: line.color,
                           attributes: [("data-single", line.key)],
                           title: "\(line.label): \(NumberFormatting.compact(values[only])) at epoch \(NumberFormatting.compact(curve.steps[only]))")
            }
        }
        // Marks last, so no curve hides an epoch that matters.
        for line in lines {
            let curve = line.curve
            func point(at step: Double?) -> (Double, Double)? {
                guard let step, let index = curve.steps.lastIndex(where: { $0 <= step }) else { return nil }
                let value = line.isSmoothed ? curve.smoothed[index] : curve.values[index]
                guard keep(step, value) else { return nil }
                return (x.position(curve.steps[index]), y.position(value))
            }
            if let (px, py) = point(at: line.keptStep) {
                svg.circle(x: px, y: py, radius: 7, fill: "none", stroke: line.color, attributes: [("data-mark", "kept"), ("stroke-width", "2")],
                           title: "\(line.label): kept epoch \(NumberFormatting.compact(line.keptStep!)) (its weights are the model)")
            }
            if let (px, py) = point(at: line.bestStep) {
                svg.circle(x: px, y: py, radius: 4, fill: line.color, stroke: "#fff", attributes: [("data-mark", "best")],
                           title: "\(line.label): best epoch \(NumberFormatting.compact(line.bestStep!))")
            }
            if let (px, py) = point(at: line.stopStep) {
                svg.open("g", [("data-mark", "stop")])
                svg.element("title", [], text: "\(line.label): stopped early at epoch \(NumberFormatting.compact(line.stopStep!))")
                svg.line(x1: px - 5, y1: py - 5, x2: px + 5, y2: py + 5, stroke: line.color, width: 2.5)
                svg.line(x1: px - 5, y1: py + 5, x2: px + 5, y2: py - 5, stroke: line.color, width: 2.5)
                svg.close("g")
            }
        }
        drawLegend(into: &svg, frame: frame)
        return svg.render(title: title, attributes: [
            ("data-x-domain", Markup.exactPair(x.low, x.high)), ("data-y-domain", Markup.exactPair(y.low, y.high)),
            ("data-x-range", Markup.exactPair(x.start, x.end)), ("data-y-range", Markup.exactPair(y.start, y.end)),
            ("data-log", canLog ? "1" : "0"),
        ])
    }

    /// One row of entries above the plot; members of a group are summed up in one entry.
    private func drawLegend(into svg: inout SVGBuilder, frame: PlotFrame) {
        var entries = bands.map { ($0.label + " (mean ± sd, n=\($0.band.memberCount))", $0.color) }
        entries += lines.filter { !$0.isMember }.map { ($0.label, $0.color) }
        var left = frame.plotLeft
        for (label, color) in entries {
            let text = label.count > 40 ? String(label.prefix(39)) + "…" : label
            let room = 26 + Double(text.count) * 6.6
            if left + room > frame.plotRight + frame.right { break }
            svg.line(x1: left, y1: frame.legendBaseline - 4, x2: left + 16, y2: frame.legendBaseline - 4, stroke: color, width: 3)
            svg.text(text, x: left + 20, y: frame.legendBaseline, size: 11)
            left += room + 10
        }
    }
}

extension Markup {
    /// Two numbers in full precision for a data attribute a script reads back.
    static func exactPair(_ a: Double, _ b: Double) -> String {
        NumberFormatting.exact(a) + "," + NumberFormatting.exact(b)
    }
}
