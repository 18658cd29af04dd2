/// A key drawn in one row between a plot's title and its plot area (which
/// `PlotFrame.legendTop` leaves room for), so that it never covers data. For
/// plots whose series are not runs; runs get the page's clickable legend.
public struct PlotLegend {
    public struct Item {
        var label: String
        var color: String
        var dashed = false
        var isPoint = false
    }

    public var items: [Item]

    public func draw(into svg: inout SVGBuilder, left: Double, baseline y: Double) {
        guard !items.isEmpty else { return }
        var x = left
        svg.open("g", [("class", "legend")])
        for item in items {
            if item.isPoint {
                svg.circle(x: x + 11, y: y - 4, radius: 3.5, fill: item.color)
            } else {
                svg.line(x1: x, y1: y - 4, x2: x + 22, y2: y - 4, stroke: item.color, width: 2.2, dash: item.dashed ? "6 4" : nil)
            }
            svg.text(item.label, x: x + 28, y: y, size: 11)
            x += 28 + 6.5 * Double(item.label.count) + 18
        }
        svg.close("g")
    }
}
