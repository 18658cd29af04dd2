import Foundation

/// Maps data values to pixels along one axis, linearly or in log10, and
/// picks readable tick values.
struct PlotScale {
    var low: Double
    var high: Double
    var start: Double
    var end: Double
    var isLog: Bool

    /// A scale covering `values` (padded a little for linear scales). A log
    /// scale ignores values that are not positive.
    init(covering values: [Double], from start: Double, to end: Double, log: Bool = false, includeZero: Bool = false) {
        let usable = values.filter { $0.isFinite && (!log || $0 > 0) }
        var low = usable.min() ?? (log ? 0.1 : 0)
        var high = usable.max() ?? (log ? 1 : 1)
        if includeZero, !log { low = min(low, 0); high = max(high, 0) }
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

    init(low: Double, high: Double, start: Double, end: Double, isLog: Bool) {
        self.low = low
        self.high = high
        self.start = start
        self.end = end
        self.isLog = isLog
    }

    func position(_ value: Double) -> Double {
        let (a, b, v) = isLog ? (log10(low), log10(high), log10(max(value, low))) : (low, high, value)
        return start + (v - a) / (b - a) * (end - start)
    }

    /// About `count` round values inside the range: 1-2-5 steps, or powers of ten on a log scale.
    func ticks(count: Int = 5) -> [Double] {
        if isLog {
            let first = Int(floor(log10(low))), last = Int(ceil(log10(high)))
            var decades = (first...last).map { pow(10, Double($0)) }.filter { $0 >= low * 0.999 && $0 <= high * 1.001 }
            if decades.count < 3 {
                decades = (first...last).flatMap { e in [1.0, 2, 5].map { $0 * pow(10, Double(e)) } }
                    .filter { $0 >= low * 0.999 && $0 <= high * 1.001 }
            }
            return decades
        }
        let span = high - low
        guard span > 0, span.isFinite else { return [low] }
        let rough = span / Double(max(1, count))
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        var ticks: [Double] = []
        var value = ceil(low / step) * step
        while value <= high + step * 1e-9 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }
}

/// The frame of an x-y plot: plot area, grid, ticks and axis titles (with units).
struct PlotFrame {
    var width: Double
    var height: Double
    var left = 64.0
    var right = 16.0
    var top = 34.0
    /// Where a one-row legend goes when there is one; `withLegend` makes room for it.
    var legendBaseline: Double { 42 }

    func withLegend() -> PlotFrame {
        var frame = self
        frame.top = 56
        return frame
    }
    var bottom = 48.0

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    func xScale(_ values: [Double], log: Bool = false, includeZero: Bool = false) -> PlotScale {
        PlotScale(covering: values, from: plotLeft, to: plotRight, log: log, includeZero: includeZero)
    }

    func yScale(_ values: [Double], log: Bool = false, includeZero: Bool = false) -> PlotScale {
        PlotScale(covering: values, from: plotBottom, to: plotTop, log: log, includeZero: includeZero)
    }

    /// Grid lines, tick labels and axis titles; the title goes above the plot.
    func draw(into svg: inout SVGBuilder, x: PlotScale, y: PlotScale, xTitle: String, yTitle: String, title: String,
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
