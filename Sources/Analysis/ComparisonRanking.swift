import TrackerStore

/// The order every view of a comparison lists its runs in: best objective
/// value first, runs without one last, ties broken by age; a run that failed
/// or went unstable (`demoted`) after every run that trained, since its
/// objective (a diverged loss's lucky epoch) says nothing.
public enum ComparisonRanking {
    /// Row indices from best to worst of `objectiveValues` (one per row, in
    /// row order, newest run first as `Store.comparison` returns them).
    /// Ties keep the older run first, as `Comparison.best` does.
    public static func order(objectiveValues values: [Double?], direction: Direction, demoted: [Bool]? = nil) -> [Int] {
        let oldestFirst = Array(values.indices.reversed())
        let sign = direction == .min ? 1.0 : -1.0
        let demoted = demoted ?? Array(repeating: false, count: values.count)
        let sorted = oldestFirst.enumerated().sorted { a, b in
            if demoted[a.element] != demoted[b.element] { return !demoted[a.element] }
            return switch (values[a.element], values[b.element]) {
            case let (x?, y?): sign * x != sign * y ? sign * x < sign * y : a.offset < b.offset
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.offset < b.offset
            }
        }
        return sorted.map(\.element)
    }

    /// `order(objectiveValues:direction:)` for a comparison's own rows.
    public static func order(_ comparison: Comparison) -> [Int] {
        order(objectiveValues: comparison.rows.map(comparison.objectiveValue(of:)), direction: comparison.direction)
    }
}
