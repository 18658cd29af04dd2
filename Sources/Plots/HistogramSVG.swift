import Foundation

/// Weight magnitudes per layer: |w| binned on a log axis (where L1 drives
/// weights to exactly tiny values and L2 only shrinks them), one outlined
/// step curve per layer with the share of weights per bin, and the
/// sparsity threshold marked.
public struct HistogramSVG {
    public struct Layer {
        public var name: String
        public var magnitudes: [Double]

        public init(name: String, magnitudes: [Double]) {
            self.name = name
            self.magnitudes = magnitudes
        }
    }

    public var plot = "weight-histogram"
    public var title: String
    public var layers: [Layer]
    public var threshold: Double
    public var bins = 40
    public var width = 640.0
    public var height = 320.0

    public init(plot: String = "weight-histogram", title: String, layers: [Layer], threshold: Double, bins: Int = 40, width: Double = 640.0, height: Double = 320.0) {
        self.plot = plot
        self.title = title
        self.layers = layers
        self.threshold = threshold
        self.bins = bins
        self.width = width
        self.height = height
    }

    public func render() -> String {
        let frame = PlotFrame(width: width, height: height).withLegend()
        var svg = SVGBuilder(plot: plot, width: width, height: height)
        // Magnitudes far below the sparsity threshold (exact zeros among
        // them) all count as "zero" here: they share the first bin.
        let all = layers.flatMap(\.magnitudes).filter { $0 > 0 }
        let low = max(all.min() ?? threshold, threshold / 100), high = max(all.max() ?? 1, low * 10)
        let (a, b) = (log10(low), log10(high) + 1e-9)
        let histograms = layers.map { layer -> [Double] in
            var counts = [Double](repeating: 0, count: bins)
            for value in layer.magnitudes {
                let position = value > 0 ? (log10(value) - a) / (b - a) : 0
                counts[min(bins - 1, max(0, Int(position * Double(bins))))] += 1
            }
            let total = Double(max(1, layer.magnitudes.count))
            return counts.map { $0 / total }
        }
        let x = PlotScale(low: low, high: high, start: frame.plotLeft, end: frame.plotRight, isLog: true)
        let y = frame.yScale(histograms.flatMap { $0 }, includeZero: true)
        frame.draw(into: &svg, x: x, y: y, xTitle: "|w| (weight magnitude, log scale)", yTitle: "share of the layer's weights", title: title)
        func edge(_ bin: Int) -> Double { pow(10, a + (b - a) * Double(bin) / Double(bins)) }
        for (index, histogram) in histograms.enumerated() {
            var points: [(Double, Double)] = [(x.position(edge(0)), y.position(0))]
            for (bin, share) in histogram.enumerated() {
                points.append((x.position(edge(bin)), y.position(share)))
                points.append((x.position(edge(bin + 1)), y.position(share)))
            }
            points.append((x.position(edge(bins)), y.position(0)))
            svg.polyline(points, stroke: Palette.category(index), width: 2,
                         attributes: [("data-layer", layers[index].name), ("data-bins", String(bins))], title: layers[index].name)
        }
        PlotLegend(items: layers.enumerated().map { PlotLegend.Item(label: $0.element.name, color: Palette.category($0.offset)) })
            .draw(into: &svg, left: frame.plotLeft, baseline: frame.legendBaseline)
        if threshold >= low, threshold <= high {
            let position = x.position(threshold)
            svg.line(x1: position, y1: frame.plotTop, x2: position, y2: frame.plotBottom, stroke: "#666", dash: "4 3")
            svg.text("sparsity threshold \(NumberFormatting.compact(threshold))", x: position + 4, y: frame.plotTop + 12, size: 11)
            svg.text("≤ \(NumberFormatting.compact(low)) incl. 0", x: frame.plotLeft + 4, y: frame.plotTop + 12, size: 11)
        }
        return svg.render(title: title)
    }
}
