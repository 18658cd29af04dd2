import EngineRecording

/// A sweep's search space and configuration together, checked for sense:
/// what `tracker sweep` records and what `--resume` reads back.
public struct SweepDefinition: Sendable, Equatable {
    public var space: SearchSpace
    public var configuration: SweepConfiguration

    public init(space: SearchSpace, configuration: SweepConfiguration) throws {
        self.space = space
        self.configuration = configuration
        try validate()
    }

    /// Reads back what `sweepSpec` stored.
    public init(sweep: Sweep) throws {
        try self.init(space: SearchSpace(json: sweep.space), configuration: SweepConfiguration(json: sweep.config))
    }

    /// The row to create with `Store.createSweep`.
    public func sweepSpec(
        name: String? = nil, objective: String = "val_loss", direction: Direction = .min,
        datasetID: DatasetID? = nil, parentSweepID: SweepID? = nil, command: String? = nil
    ) throws -> SweepSpec {
        SweepSpec(
            name: name, method: configuration.method, space: try space.json(), config: try configuration.json(),
            objective: objective, direction: direction, datasetID: datasetID, parentSweepID: parentSweepID,
            command: command)
    }

    /// The same sweep on other data (`tracker retune --dataset`): the fixed
    /// `--dataset` replaced, everything else kept.
    public func onDataset(_ dataset: String) throws -> SweepDefinition {
        var configuration = configuration
        configuration.fixed["dataset"] = .text(dataset)
        return try SweepDefinition(space: space, configuration: configuration)
    }

    /// The `tracker train` options of a trial by param key, as
    /// `TrainingSetup` takes them: the fixed options, the setting, then the
    /// seed. The fold is not an option: the executor puts it in the data
    /// request (`DataRequest.folds`).
    public func trialOptions(setting: TrialSetting, seed: Int64) -> [String: [String]] {
        var options = configuration.fixed.mapValues(\.texts)
        for (key, value) in setting.values { options[key] = value.texts }
        options["seed"] = [String(seed)]
        return options
    }

    public func trialOptions(for unit: TrialUnit) -> [String: [String]] {
        trialOptions(setting: unit.setting, seed: unit.seed)
    }

    /// The setup a trial trains with: the table's entries applied to the
    /// trial's options directly, no command line in between.
    public func setup(for unit: TrialUnit) throws(HyperparameterError) -> TrainingSetup {
        try TrainingSetup(trialOptions(for: unit))
    }

    /// The `tracker train` words of a setting with the first seed: the
    /// fixed options, the setting, then `--seed`, each in key order, the
    /// flags from the hyperparameter table.
    public func commandWords(setting: TrialSetting, seed: Int64) -> [String] {
        var fixed = configuration.fixed
        fixed["seed"] = nil
        return TrialSetting.arguments(fixed) + setting.arguments + [Hyperparameters.displayFlag("seed"), String(seed)]
    }

    private func validate() throws {
        let config = configuration
        if space.dimensions.isEmpty && config.first.isEmpty {
            throw SweepDefinitionError("nothing to sweep: give some option several values, e.g. --wd 0,1e-4,1e-3 or --wd 1e-5:1e-1:log")
        }
        for name in space.names where config.fixed[name] != nil {
            throw SweepDefinitionError("'\(Hyperparameters.displayFlag(name))' is both swept and fixed; give it once")
        }
        if config.seeds.isEmpty || Set(config.seeds).count != config.seeds.count {
            throw SweepDefinitionError("--seeds needs distinct seeds, e.g. --seeds 0,1,2")
        }
        if let folds = config.folds, folds < 2 {
            throw SweepDefinitionError("--folds needs at least 2 folds (got \(folds)); omit it to use one validation split")
        }
        switch config.method {
        case .grid:
            if config.trials != nil {
                throw SweepDefinitionError("--trials is for --method random; a grid runs every combination")
            }
            if space.hasRanges {
                let name = space.names.first { space.dimensions[$0]!.gridCount == nil }!
                throw SweepDefinitionError("'\(Hyperparameters.displayFlag(name))' is a range, which a grid cannot enumerate; add --method random --trials N, or list values such as 1e-4,1e-3,1e-2")
            }
        case .random:
            guard let trials = config.trials, trials >= 1 else {
                throw SweepDefinitionError("--method random needs --trials N (N >= 1), e.g. --trials 20")
            }
        }
        switch config.prune {
        case let .median(warmup, minTrials) where warmup < 0 || minTrials < 1:
            throw SweepDefinitionError("median pruning needs warmup >= 0 and at least 1 finished trial")
        case let .halving(minEpochs, eta, minTrials) where minEpochs < 1 || eta < 2 || minTrials < 1:
            throw SweepDefinitionError("successive halving needs min epochs >= 1, eta >= 2 and min trials >= 1")
        default:
            break
        }
    }
}
