import TrackerStore

/// `tracker retune --refine`: a narrower space around the previous optimum,
/// with that optimum tried first.
///
/// - a log range becomes one decade either side of the best value
///   (best/10 to best*10), even past the old bounds: the optimum drifts as
///   data grows, and a best value at an edge says the edge was too tight;
/// - a linear range becomes half as wide, centred on the best value, inside
///   the old bounds;
/// - a numeric list keeps the best value and its neighbours in sorted order;
/// - a text list (choices) is kept whole: it has no neighbourhood.
public enum Refinement {
    public static func refine(_ definition: SweepDefinition, around best: TrialSetting) throws -> SweepDefinition {
        var dimensions: [String: SweepDimension] = [:]
        for (name, dimension) in definition.space.dimensions {
            dimensions[name] = refine(dimension, around: best[name])
        }
        var configuration = definition.configuration
        configuration.first = [best]
        return try SweepDefinition(space: SearchSpace(dimensions), configuration: configuration)
    }

    static func refine(_ dimension: SweepDimension, around best: SweepValue?) -> SweepDimension {
        guard let center = best?.number else { return dimension }
        switch dimension {
        case .values(let values):
            let numbers = values.compactMap(\.number)
            guard numbers.count == values.count, let index = numbers.sorted().firstIndex(of: center) else { return dimension }
            let sorted = numbers.sorted()
            return .values(sorted[max(0, index - 1)...min(sorted.count - 1, index + 1)].map(SweepValue.number))
        case let .range(_, _, .log, integer):
            guard center > 0 else { return dimension }
            var (low, high) = (center / 10, center * 10)
            if integer { (low, high) = (max(1, low.rounded(.down)), high.rounded(.up)) }
            return .range(lower: low, upper: high, scale: .log, integer: integer)
        case let .range(lower, upper, .linear, integer):
            let halfWidth = (upper - lower) / 4
            var (low, high) = (max(lower, center - halfWidth), min(upper, center + halfWidth))
            if integer { (low, high) = (low.rounded(.down), high.rounded(.up)) }
            guard low < high else { return dimension }
            return .range(lower: low, upper: high, scale: .linear, integer: integer)
        }
    }
}
