import Foundation

/// One side of the heat map: a grid sweep's values one cell each; the many
/// distinct values of a random sweep gathered into a few ranges (on a log
/// scale when they span two decades or more), best setting per cell.
public struct HeatMapAxis {
    public static let maximumCells = 8
    public static let binnedCells = 6

    public let labels: [String]
    private let values: [Double]
    private let edges: [Double]?

    public init(values sortedValues: [Double]) {
        values = sortedValues
        guard sortedValues.count > Self.maximumCells, let low = sortedValues.first, let high = sortedValues.last else {
            edges = nil
            labels = sortedValues.map(NumberFormatting.compact)
            return
        }
        let log = low > 0 && high / low >= 100
        let (a, b) = log ? (log10(low), log10(high)) : (low, high)
        let edges = (0...Self.binnedCells).map { index -> Double in
            let t = a + (b - a) * Double(index) / Double(Self.binnedCells)
            return log ? pow(10, t) : t
        }
        self.edges = edges
        labels = (0..<Self.binnedCells).map { "\(Self.short(edges[$0]))–\(Self.short(edges[$0 + 1]))" }
    }

    /// Two significant digits: a range's label only has to tell the ranges apart.
    public static func short(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return NumberFormatting.compact(value) }
        let magnitude = Int(floor(log10(abs(value))))
        if magnitude < -3 || magnitude > 5 { return String(format: "%.1e", value).replacingOccurrences(of: "e-0", with: "e-") }
        return NumberFormatting.compact((value / pow(10, Double(magnitude - 1))).rounded() * pow(10, Double(magnitude - 1)))
    }

    public func cell(of value: Double) -> Int {
        guard let edges else { return values.firstIndex(of: value) ?? 0 }
        let inner = edges.dropFirst().dropLast()
        return inner.firstIndex { value < $0 }.map { $0 - 1 } ?? edges.count - 2
    }
}
