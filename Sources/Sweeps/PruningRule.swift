/// Which early-termination rule a sweep uses, with its settings; the
/// `prune` member of `sweeps.config`:
///
///     {"rule": "median", "warmup": 5, "min_trials": 3}
///     {"rule": "halving", "min_epochs": 5, "eta": 3, "min_trials": 3}
///     {"rule": "none"}
public enum PruningRule: Sendable, Equatable, Codable {
    /// Stop a trial worse than the median of finished trials at the same
    /// epoch, once past `warmup` epochs and once `minTrials` trials finished.
    case median(warmup: Int, minTrials: Int)
    /// Asynchronous successive halving: at epochs minEpochs * eta^k keep a
    /// trial only if it is in the top 1/eta of the trials that reached that
    /// epoch, once `minTrials` others have.
    case halving(minEpochs: Int, eta: Int, minTrials: Int)
    case none

    public static let defaultMedian = PruningRule.median(warmup: 5, minTrials: 3)
    public static let defaultHalving = PruningRule.halving(minEpochs: 5, eta: 3, minTrials: 3)

    /// `--prune median|halving|none` with the default settings of each.
    public init(option: String) throws {
        switch option {
        case "median": self = .defaultMedian
        case "halving": self = .defaultHalving
        case "none": self = .none
        default: throw SweepDefinitionError("unknown pruning rule '\(option)'; use median, halving or none")
        }
    }

    public var name: String {
        switch self {
        case .median: "median"
        case .halving: "halving"
        case .none: "none"
        }
    }

    /// The pruner the rule describes; nil for `none`.
    public func makePruner() -> (any Pruner)? {
        switch self {
        case let .median(warmup, minTrials): MedianPruner(warmupEpochs: warmup, minimumFinishedTrials: minTrials)
        case let .halving(minEpochs, eta, minTrials): SuccessiveHalving(minimumEpochs: minEpochs, reductionFactor: eta, minimumTrials: minTrials)
        case .none: nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case rule, warmup, minTrials = "min_trials", minEpochs = "min_epochs", eta
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .rule) {
        case "median":
            self = .median(
                warmup: try container.decode(Int.self, forKey: .warmup),
                minTrials: try container.decode(Int.self, forKey: .minTrials))
        case "halving":
            self = .halving(
                minEpochs: try container.decode(Int.self, forKey: .minEpochs),
                eta: try container.decode(Int.self, forKey: .eta),
                minTrials: try container.decode(Int.self, forKey: .minTrials))
        default:
            self = .none
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .rule)
        switch self {
        case let .median(warmup, minTrials):
            try container.encode(warmup, forKey: .warmup)
            try container.encode(minTrials, forKey: .minTrials)
        case let .halving(minEpochs, eta, minTrials):
            try container.encode(minEpochs, forKey: .minEpochs)
            try container.encode(eta, forKey: .eta)
            try container.encode(minTrials, forKey: .minTrials)
        case .none:
            break
        }
    }
}
