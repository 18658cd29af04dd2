import Foundation
import TrackerStore

/// Everything about a sweep except its search space: the method, how many
/// trials, replicates, folds, pruning, the options every trial shares, and
/// settings to try first. Stored in `sweeps.config` as JSON, keys sorted:
///
///     {"first": [{"dropout": 0.3, "wd": 0.001}],   // tried before the plan's own trials
///      "fixed": {"dataset": "digits", "epochs": 100, "batchnorm": true},
///      "folds": 5,                                // null: one train/val split
///      "method": "random",
///      "prune": {"rule": "median", "warmup": 5, "min_trials": 3},
///      "sampler_seed": 0,                         // seeds the random search
///      "seeds": [0, 1, 2],                        // replicates of every setting
///      "trials": 20,                              // null for a grid: every point
///      "version": 1}
///
/// `fixed` holds the `tracker train` options given once (a flag is `true`);
/// together with a setting and a seed they make a trial's full command.
public struct SweepConfiguration: Sendable, Equatable, Codable {
    public var version: Int = 1
    public var method: SweepMethod
    /// Random search: how many trials in all, `first` included. Grid: nil.
    public var trials: Int?
    public var samplerSeed: UInt64
    public var seeds: [Int64]
    public var folds: Int?
    public var prune: PruningRule
    public var fixed: [String: SweepValue]
    public var first: [TrialSetting]
    /// A sweep over an outside command (`tracker sweep -- COMMAND`): each
    /// trial runs it as `tracker exec` would; nil for the built-in engine.
    /// Stored as "external": {"command": [...], "dataset": "..."} only when set.
    public var external: ExternalCommand?

    /// The outside command a sweep runs, and the data it is given.
    public struct ExternalCommand: Sendable, Equatable, Codable {
        /// The words after `--`, `{KEY}` placeholders included.
        public var command: [String]
        /// `{dataset}` and TRACKER_DATASET; a retune replaces it.
        public var dataset: String?

        public init(command: [String], dataset: String?) {
            self.command = command
            self.dataset = dataset
        }
    }

    public init(
        method: SweepMethod = .grid, trials: Int? = nil, samplerSeed: UInt64 = 0, seeds: [Int64] = [0],
        folds: Int? = nil, prune: PruningRule = .none, fixed: [String: SweepValue] = [:], first: [TrialSetting] = []
    ) {
        self.method = method
        self.trials = trials
        self.samplerSeed = samplerSeed
        self.seeds = seeds
        self.folds = folds
        self.prune = prune
        self.fixed = fixed
        self.first = first
    }

    private enum CodingKeys: String, CodingKey {
        case version, method, trials, samplerSeed = "sampler_seed", seeds, folds, prune, fixed, first, external
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        method = try container.decode(SweepMethod.self, forKey: .method)
        trials = try container.decodeIfPresent(Int.self, forKey: .trials)
        samplerSeed = try container.decode(UInt64.self, forKey: .samplerSeed)
        seeds = try container.decode([Int64].self, forKey: .seeds)
        folds = try container.decodeIfPresent(Int.self, forKey: .folds)
        prune = try container.decode(PruningRule.self, forKey: .prune)
        fixed = try container.decode([String: SweepValue].self, forKey: .fixed)
        first = try container.decode([TrialSetting].self, forKey: .first)
        external = try container.decodeIfPresent(ExternalCommand.self, forKey: .external)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(method, forKey: .method)
        // Explicit nulls: a user's query sees "trials": null rather than a missing key.
        try container.encode(trials, forKey: .trials)
        try container.encode(samplerSeed, forKey: .samplerSeed)
        try container.encode(seeds, forKey: .seeds)
        try container.encode(folds, forKey: .folds)
        try container.encode(prune, forKey: .prune)
        try container.encode(fixed, forKey: .fixed)
        try container.encode(first, forKey: .first)
        try container.encodeIfPresent(external, forKey: .external)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public init(json: String) throws {
        do {
            self = try JSONDecoder().decode(SweepConfiguration.self, from: Data(json.utf8))
        } catch {
            throw SweepDefinitionError("the sweep's config is not in the tracker's JSON shape (\(error)); recreate the sweep")
        }
    }
}
