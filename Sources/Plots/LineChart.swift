import Foundation

/// One point of a curve: usually (epoch, metric value).
public struct ChartPoint: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// One curve of a chart, e.g. a run's val_loss, with an optional point to
/// single out (the best epoch).
public struct ChartSeries: Sendable, Equatable {
    public var name: String
    public var points: [ChartPoint]
    public var highlight: ChartPoint?

    public init(name: String, points: [ChartPoint], highlight: ChartPoint? = nil) {
        self.name = name
        self.points = points
        self.highlight = highlight
    }
}

/// A line chart drawn with characters, for `tracker history`.
///
/// A pure function from data to text (no terminal access), so tests can check
/// where points land. Each series has its own marker (and colour when
/// `useColor`); highlighted points are drawn last, on top, as `@`.
public struct LineChart: Sendable {
    public var series: [ChartSeries]
    /// Columns of the plot area, axes and labels excluded.
    public var width: Int
    /// Rows of the plot area.
    public var height: Int
    public var logY: Bool
    public var xLabel: String
    public var yLabel: String
    public var highlightLabel: String
    public var useColor: Bool

    public static let markers: [Character] = ["*", "+", "o", "x", "#", "%", "=", "~"]
    public static let highlightMarker: Character = "@"
    public static let maximumYTicks = 5
    public static let columnsPerXTick = 12

    public init(
        series: [ChartSeries], width: Int = 60, height: Int = 15, logY: Bool = false,
        xLabel: String = "epoch", yLabel: String = "value", highlightLabel: String = "best",
        useColor: Bool = false
    ) {
        self.series = series
        self.width = max(2, width)
        self.height = max(2, height)
        self.logY = logY
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.highlightLabel = highlightLabel
        self.useColor = useColor
    }

    public static func marker(forSeries index: Int) -> Character {
        markers[index % markers.count]
    }

    public func render() -> String {
        guard let bounds = bounds() else { return "(no points to plot" + (logY ? " above zero on a log scale" : "") + ")\n" }
        let grid = grid(bounds)
        let yTicks = yTickRows(bounds)
        let labelWidth = yTicks.map(\.label.count).max() ?? 0
        var lines: [String] = [AxisLabel.logScale(yLabel, logY)]
        for row in 0..<height {
            let tick = yTicks.first { $0.row == row }
            let label = tick?.label ?? ""
            let prefix = String(repeating: " ", count: labelWidth - label.count) + label + (tick == nil ? " │" : " ┤")
            lines.append(prefix + grid[row].map(draw).joined())
        }
        let xTicks = xTickColumns(bounds)
        var axis = Array(String(repeating: "─", count: width))
        for tick in xTicks { axis[tick.column] = "┬" }
        let indent = String(repeating: " ", count: labelWidth + 1)
        lines.append(indent + "└" + String(axis))
        lines.append(indent + " " + xTickLabelLine(xTicks))
        lines.append(indent + " " + String(repeating: " ", count: max(0, width - xLabel.count)) + xLabel)
        lines.append(legend())
        return lines.map { $0.trailingSpacesRemoved }.joined(separator: "\n") + "\n"
    }

    // MARK: Geometry

    public struct Bounds {
        var minX, maxX, minY, maxY: Double

        func x(atColumn column: Int, width: Int) -> Double {
            minX + Double(column) / Double(width - 1) * (maxX - minX)
        }
    }

    /// A cell of the plot: its character and the series that drew it.
    public struct Mark: Equatable {
        var character: Character
        var series: Int
    }

    /// Values on the y axis as plotted: log10 of the value on a log scale.
    public func transform(_ y: Double) -> Double? {
        guard y.isFinite else { return nil }
        if logY { return y > 0 ? log10(y) : nil }
        return y
    }

    public func untransform(_ y: Double) -> Double { logY ? pow(10, y) : y }

    /// The series' points in plotting coordinates, sorted by x, unplottable ones dropped.
    public func plottable(_ series: ChartSeries) -> [ChartPoint] {
        series.points
            .compactMap { point in transform(point.y).map { ChartPoint(x: point.x, y: $0) } }
            .filter { $0.x.isFinite }
            .sorted { $0.x < $1.x }
    }

    public func bounds() -> Bounds? {
        let points = series.flatMap(plottable)
        guard let first = points.first else { return nil }
        var bounds = Bounds(minX: first.x, maxX: first.x, minY: first.y, maxY: first.y)
        for point in points {
            bounds.minX = min(bounds.minX, point.x)
            bounds.maxX = max(bounds.maxX, point.x)
            bounds.minY = min(bounds.minY, point.y)
            bounds.maxY = max(bounds.maxY, point.y)
        }
        // A flat curve still needs a range to be drawn in the middle of.
        if bounds.maxX == bounds.minX { bounds.maxX = bounds.minX + 1 }
        if bounds.maxY == bounds.minY {
            let pad = logY ? 0.5 : max(abs(bounds.minY) * 0.1, 1)
            bounds.minY -= pad
            bounds.maxY += pad
        }
        return bounds
    }

    public func column(forX x: Double, _ bounds: Bounds) -> Int {
        let fraction = (x - bounds.minX) / (bounds.maxX - bounds.minX)
        return min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
    }

    /// Row 0 is the top of the plot.
    public func row(forY y: Double, _ bounds: Bounds) -> Int {
        let fraction = (bounds.maxY - y) / (bounds.maxY - bounds.minY)
        return min(height - 1, max(0, Int((fraction * Double(height - 1)).rounded())))
    }

    /// The plot area: each series sampled at every column it spans (linear
    /// interpolation between its points), its own points, then the highlights.
    public func grid(_ bounds: Bounds) -> [[Mark?]] {
        var grid = [[Mark?]](repeating: [Mark?](repeating: nil, count: width), count: height)
        for (index, series) in series.enumerated() {
            let points = plottable(series)
            guard let first = points.first, let last = points.last else { continue }
            let mark = Mark(character: Self.marker(forSeries: index), series: index)
            var segment = 0
            for column in column(forX: first.x, bounds)...column(forX: last.x, bounds) {
                let x = min(max(bounds.x(atColumn: column, width: width), first.x), last.x)
                while segment + 1 < points.count - 1, points[segment + 1].x < x { segment += 1 }
                let y = points.count == 1 ? first.y : interpolate(points[segment], points[segment + 1], at: x)
                grid[row(forY: y, bounds)][column] = mark
            }
            for point in points {
                grid[row(forY: point.y, bounds)][column(forX: point.x, bounds)] = mark
            }
        }
        for (index, series) in series.enumerated() {
            guard let highlight = series.highlight, let y = transform(highlight.y), highlight.x.isFinite else { continue }
            grid[row(forY: y, bounds)][column(forX: highlight.x, bounds)] = Mark(character: Self.highlightMarker, series: index)
        }
        return grid
    }

    private func interpolate(_ a: ChartPoint, _ b: ChartPoint, at x: Double) -> Double {
        guard b.x != a.x else { return b.y }
        return a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)
    }

    // MARK: Axes and legend

    /// Round values on the y axis, each on its nearest row (one per row).
    public func yTickRows(_ bounds: Bounds) -> [(row: Int, label: String)] {
        let count = min(Self.maximumYTicks, height)
        let lower = untransform(bounds.minY), upper = untransform(bounds.maxY)
        let values = logY
            ? AxisTicks.logarithmic(from: lower, to: upper, count: count)
            : AxisTicks.linear(from: lower, to: upper, count: count)
        var ticks: [(row: Int, label: String)] = []
        for value in values {
            guard let y = transform(value) else { continue }
            let row = row(forY: y, bounds)
            if ticks.contains(where: { $0.row == row }) { continue }
            ticks.append((row, NumberFormatting.compact(value)))
        }
        return ticks
    }

    /// Round values along x, whole numbers when every x is one (epochs).
    public func xTickColumns(_ bounds: Bounds) -> [(column: Int, label: String)] {
        let count = max(2, width / Self.columnsPerXTick + 1)
        let integral = series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } }
        // The first and last x are always worth a label (where training
        // started and stopped); round values fill in between where they fit.
        var values = [bounds.minX] + AxisTicks.linear(from: bounds.minX, to: bounds.maxX, count: count) + [bounds.maxX]
        if integral { values = values.filter { $0 == $0.rounded() } }
        var ticks: [(column: Int, label: String)] = []
        for value in values {
            let column = column(forX: value, bounds)
            if ticks.contains(where: { $0.column == column }) { continue }
            ticks.append((column, integral ? String(Int64(value)) : NumberFormatting.compact(value)))
        }
        return ticks
    }

    /// Labels centred under their ticks; the first and last are placed
    /// first, and a label that would touch another one is left out.
    private func xTickLabelLine(_ ticks: [(column: Int, label: String)]) -> String {
        var line = [Character](repeating: " ", count: width + 8)
        var taken = [Bool](repeating: false, count: line.count)
        let order = ticks.indices.sorted { a, b in
            let aIsEnd = a == 0 || a == ticks.count - 1, bIsEnd = b == 0 || b == ticks.count - 1
            return aIsEnd != bIsEnd ? aIsEnd : a < b
        }
        for index in order {
            let tick = ticks[index]
            let start = max(0, min(tick.column - tick.label.count / 2, line.count - tick.label.count))
            let span = max(0, start - 1)..<min(line.count, start + tick.label.count + 1)
            guard !span.contains(where: { taken[$0] }) else { continue }
            for (offset, character) in tick.label.enumerated() {
                line[start + offset] = character
                taken[start + offset] = true
            }
        }
        return String(line)
    }

    private func legend() -> String {
        var entries = series.enumerated().map { index, series in
            colored(String(Self.marker(forSeries: index)), series: index) + " " + series.name
        }
        if series.contains(where: { $0.highlight != nil }) {
            entries.append(String(Self.highlightMarker) + " " + highlightLabel)
        }
        return entries.joined(separator: "   ")
    }

    private func draw(_ mark: Mark?) -> String {
        guard let mark else { return " " }
        return colored(String(mark.character), series: mark.series)
    }

    private func colored(_ text: String, series: Int) -> String {
        useColor ? ANSIColor.forSeries(series).wrap(text) : text
    }
}

extension String {
    public var trailingSpacesRemoved: String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
