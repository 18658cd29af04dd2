/// A key drawn inside a plot's top-right corner on a white panel, for plots
/// whose series are not runs (those get the page's clickable legend).
struct PlotLegend {
    struct Item {
        var label: String
        var color: String
        var dashed = false
        var isPoint = false
    }

    var items: [Item]

    func draw(into svg: inout SVGBuilder, right: Double, top: Double) {
        guard !items.isEmpty else { return }
        let width = 40 + 7.0 * Double(items.map(\.label.count).max() ?? 0)
        let left = right - width - 8
        svg.open("g", [("class", "legend")])
        svg.element("rect", [("x", Markup.number(left)), ("y", Markup.number(top)), ("width", Markup.number(width)),
                             ("height", Markup.number(8 + 18 * Double(items.count))), ("fill", "#fff"), ("fill-opacity", "0.9"),
                             ("stroke", "#ccc")])
        for (index, item) in items.enumerated() {
            let y = top + 14 + 18 * Double(index)
            if item.isPoint {
                svg.circle(x: left + 17, y: y - 4, radius: 3.5, fill: item.color)
            } else {
                svg.line(x1: left + 6, y1: y - 4, x2: left + 28, y2: y - 4, stroke: item.color, width: 2.2, dash: item.dashed ? "6 4" : nil)
            }
            svg.text(item.label, x: left + 34, y: y, size: 11)
        }
        svg.close("g")
    }
}
