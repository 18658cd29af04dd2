import Foundation

/// Maps data values to pixels along one axis, linearly or in log10, and
/// picks readable tick values.
public struct PlotScale {
    public var low: Double
    public var high: Double
    public var start: Double
    public var end: Double
    public var isLog: Bool

    /// A scale covering `values` (padded a little for linear scales). A log
    /// scale ignores values that are not positive.
    public init(covering values: [Double], from start: Double, to end: Double, log: Bool = false, includeZero: Bool = false) {
        let usable = values.filter { $0.isFinite && (!log || $0 > 0) }
        var low = usable.min() ?? (log ? 0.1 : 0)
        var high = usable.max() ?? (log ? 1 : 1)
        if includeZero, !log { low = min(low, 0); high = max(high, 0) }
        // Values equal but for rounding (a learning rate that went through
        // Float) are one value: an axis a millionth of their size wide would
        // draw the rounding as cliffs.
        if high > low, high - low <= 1e-6 * max(abs(low), abs(high)) {
            low = (low + high) / 2
            high = low
        }
        if log {
            if high <= low { low /= 2; high *= 2 }
        } else if high <= low {
            // One value: give it room, without inventing negative values for
            // quantities that are never negative (a best dropout of 0).
            let pad = low == 0 ? 1 : abs(low) * 0.1
            if low >= 0 && low - pad < 0 { low = 0 } else { low -= pad }
            high += pad
        } else if !includeZero {
            let pad = (high - low) * 0.04
            low -= pad
            high += pad
        }
        self.init(low: low, high: high, start: start, end: end, isLog: log)
    }

    public init(low: Double, high: Double, start: Double, end: Double, isLog: Bool) {
        self.low = low
        self.high = high
        self.start = start
        self.end = end
        self.isLog = isLog
    }

    public func position(_ value: Double) -> Double {
        let (a, b, v) = isLog ? (log10(low), log10(high), log10(max(value, low))) : (low, high, value)
        return start + (v - a) / (b - a) * (end - start)
    }

    /// About `count` round values inside the range, from the one tick
    /// algorithm the terminal charts use too (`AxisTicks`). `count` counts
    /// the intervals here, so `count + 1` values are asked for.
    public func ticks(count: Int = 5) -> [Double] {
        guard high > low, high.isFinite, low.isFinite else { return [low] }
        return isLog
            ? AxisTicks.logarithmic(from: low, to: high, count: count + 1)
            : AxisTicks.linear(from: low, to: high, count: count + 1)
    }
}

/// The frame of an x-y plot: plot area, grid, ticks and axis titles (with units).
public struct PlotFrame {
    public var width: Double
    public var height: Double
    public var left = 64.0
    public var right = 16.0
    public var top = 34.0
    /// Where a one-row legend goes when there is one; `withLegend` makes room for it.
    public var legendBaseline: Double { 42 }

    public func withLegend() -> PlotFrame {
        var frame = self
        frame.top = 56
        return frame
    }
    public var bottom = 48.0

    public var plotLeft: Double { left }
    public var plotRight: Double { width - right }
    public var plotTop: Double { top }
    public var plotBottom: Double { height - bottom }

    public func xScale(_ values: [Double], log: Bool = false, includeZero: Bool = false) -> PlotScale {
        PlotScale(covering: values, from: plotLeft, to: plotRight, log: log, includeZero: includeZero)
    }

    public func yScale(_ values: [Double], log: Bool = false, includeZero: Bool = false) -> PlotScale {
        PlotScale(covering: values, from: plotBottom, to: plotTop, log: log, includeZero: includeZero)
    }

    /// Grid lines, tick labels and axis titles; the title goes above the plot.
    public func draw(into svg: inout SVGBuilder, x: PlotScale, y: PlotScale, xTitle: String, yTitle: String, title: String,
              xLabels: [Double: String]? = nil, group: [(String, String)] = []) {
        svg.open("g", group + [("class", "frame")])
        for tick in y.ticks() {
            let position = y.position(tick)
            svg.line(x1: plotLeft, y1: position, x2: plotRight, y2: position, stroke: Palette.grid)
            svg.text(NumberFormatting.compact(tick), x: plotLeft - 6, y: position + 4, anchor: "end", size: 11)
        }
        let xTicks = xLabels.map { $0.keys.sorted() } ?? x.ticks()
        for tick in xTicks {
            let position = x.position(tick)
            svg.line(x1: position, y1: plotBottom, x2: position, y2: plotBottom + 4, stroke: Palette.axis)
            svg.text(xLabels?[tick] ?? NumberFormatting.compact(tick), x: position, y: plotBottom + 17, anchor: "middle", size: 11)
        }
        svg.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: Palette.axis)
        svg.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: Palette.axis)
        svg.close("g")
        svg.text(xTitle, x: (plotLeft + plotRight) / 2, y: height - 8, anchor: "middle", size: 12)
        svg.text(yTitle, x: 14, y: (plotTop + plotBottom) / 2, anchor: "middle", size: 12, rotate: -90)
        svg.text(title, x: plotLeft, y: 20, size: 14, extra: [("font-weight", "600")])
    }
}
