import Foundation
import Training
import TrackerStore

/// One training run a sweep plans: a trial's setting, a replicate seed and,
/// with cross-validation, a fold. The run records `trial`, `seed` and `fold`.
public struct TrialUnit: Sendable, Hashable {
    public var trial: Int
    public var seed: Int64
    public var fold: Int?
    public var setting: TrialSetting

    public init(trial: Int, seed: Int64, fold: Int?, setting: TrialSetting) {
        self.trial = trial
        self.seed = seed
        self.fold = fold
        self.setting = setting
    }

    /// Where the unit sits in the plan, as the runs table records it.
    public var key: Key { Key(trial: trial, seed: seed, fold: fold) }

    public struct Key: Sendable, Hashable {
        public var trial: Int
        public var seed: Int64
        public var fold: Int?
    }
}

/// What a sweep will run, derived only from its definition: the same
/// definition (and so the same stored sweep) always gives the same plan,
/// which is what lets `--resume` know what is left.
///
/// Trials are the `first` settings, then the grid's points in product order
/// (leaving out those already tried first) or the random search's draws.
/// Units go trial by trial, then seed, then fold.
public struct TrialPlan: Sendable, Equatable {
    public var trials: [TrialSetting]
    public var seeds: [Int64]
    public var folds: Int?

    public init(_ definition: SweepDefinition) {
        let config = definition.configuration
        var trials = config.first
        switch config.method {
        case .grid:
            let tried = Set(trials)
            trials += definition.space.gridSettings().filter { !tried.contains($0) }
        case .random:
            var generator = RandomSource(seed: config.samplerSeed, stream: Self.samplerStream)
            while trials.count < config.trials ?? 0 {
                trials.append(Self.draw(definition.space, using: &generator))
            }
        }
        self.trials = trials
        seeds = config.seeds
        folds = config.folds
    }

    public var units: [TrialUnit] {
        trials.enumerated().flatMap { trial, setting in
            seeds.flatMap { seed in
                (folds.map { Array(0..<$0).map(Optional.some) } ?? [nil]).map { fold in
                    TrialUnit(trial: trial, seed: seed, fold: fold, setting: setting)
                }
            }
        }
    }

    /// Units per trial: seeds times folds.
    public var unitsPerTrial: Int { seeds.count * (folds ?? 1) }

    /// Keeps the sampler's numbers apart from any other use of the same seed.
    static let samplerStream: UInt64 = 0x5357_4545_50 // "SWEEP"

    /// One random setting: options in name order, each drawn once, so a
    /// trial's values depend only on the seed and the trials before it.
    static func draw(_ space: SearchSpace, using generator: inout RandomSource) -> TrialSetting {
        var setting = TrialSetting([:])
        for name in space.names {
            switch space.dimensions[name]! {
            case .values(let values):
                setting.values[name] = values[generator.integer(below: values.count)]
            case let .range(lower, upper, scale, integer):
                setting.values[name] = .number(sample(lower, upper, scale, integer, &generator))
            }
        }
        return setting
    }

    private static func sample(
        _ lower: Double, _ upper: Double, _ scale: SweepDimension.RangeScale, _ integer: Bool,
        _ generator: inout RandomSource
    ) -> Double {
        let unit = generator.uniform()
        if integer {
            // Uniform over the whole numbers of [lower, upper], or over their logarithms.
            let (low, high) = scale == .log ? (log(lower), log(upper + 1)) : (lower, upper + 1)
            let value = scale == .log ? exp(low + unit * (high - low)) : low + unit * (high - low)
            return min(upper, max(lower, value.rounded(.down)))
        }
        let value = scale == .log ? exp(log(lower) + unit * (log(upper) - log(lower))) : lower + unit * (upper - lower)
        // Four significant digits: the value a trial records and reprints is exactly the one it used.
        let rounded = Double(String(format: "%.4g", value))!
        return min(upper, max(lower, rounded))
    }
}
