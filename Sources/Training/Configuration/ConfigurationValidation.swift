/// A configuration value that cannot work, with what to do instead.
///
/// It names the option by its param key (`label_smoothing`), not by a flag:
/// the engine knows no command line. `message` writes the key as `--` and
/// the key with dashes; the CLI renders it through its option table with
/// `message(flag:)`.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The param key of the option at fault, e.g. "dropout", "early_stop".
    public let key: String
    /// What is wrong and what to do, without the option's name; other
    /// options it mentions stay keys until the message is written.
    public let problem: OptionText

    public init(key: String, problem: OptionText) {
        self.key = key
        self.problem = problem
    }

    public var message: String {
        message(flag: { "--" + $0.replacingOccurrences(of: "_", with: "-") })
    }

    /// "--hidden: layer sizes must be positive ...", the key written by `flag`.
    public func message(flag: (String) -> String) -> String {
        "\(flag(key)): \(problem.rendered(flag: flag))"
    }

    public var description: String { message }
}

extension TrainingConfiguration {
    /// Throws the first problem found, as one line naming the option and the fix.
    public func validate() throws(ConfigurationError) {
        try validate(budget: .machine)
    }

    /// `validate()` against a given memory budget (tests pass a small one).
    func validate(budget: MemoryBudget) throws(ConfigurationError) {
        try validateOptions()
        try validateSize(features: nil, task: nil, trainRows: nil, budget: budget)
    }

    /// Every check of the options' own values.
    private func validateOptions() throws(ConfigurationError) {
        func fail(_ option: String, _ message: OptionText) -> ConfigurationError {
            ConfigurationError(key: option, problem: message)
        }
        func check(_ value: Double, _ option: String, atLeast minimum: Double = 0) throws(ConfigurationError) {
            guard value.isFinite, value >= minimum else {
                throw fail(option, "must be a finite number >= \(minimum), got \(value)")
            }
        }
        func checkRate(_ value: Double, _ option: String) throws(ConfigurationError) {
            guard value.isFinite, value >= 0, value < 1 else {
                throw fail(option, "must be in [0, 1), got \(value); e.g. 0.3 drops 30% of units")
            }
        }

        if hiddenSizes.contains(where: { $0 < 1 }) {
            throw fail("hidden", "layer sizes must be positive integers, got \(hiddenSizes.map(String.init).joined(separator: ","))")
        }
        guard epochs >= 1 else { throw fail("epochs", "must be at least 1, got \(epochs)") }
        if case .rows(let rows) = batchSize, rows < 1 {
            throw fail("batch_size", "must be at least 1 (or 'full'), got \(rows)")
        }
        guard learningRate.isFinite, learningRate > 0 else {
            throw fail("lr", "must be a positive number, got \(learningRate); try 1e-3")
        }
        switch schedule {
        case .constant: break
        case .step(let every, let factor):
            guard every >= 1 else { throw fail("schedule", "step interval must be at least 1 epoch, got \(every)") }
            guard factor.isFinite, factor > 0, factor <= 1 else {
                throw fail("schedule", "step factor must be in (0, 1], got \(factor)")
            }
        case .cosine(let minimum):
            guard minimum.isFinite, minimum >= 0, minimum <= learningRate else {
                throw fail("schedule", "cosine minimum must be in [0, lr], got \(minimum)")
            }
        }
        guard warmupEpochs >= 0, warmupEpochs < epochs else {
            throw fail("warmup", "must be in [0, epochs), got \(warmupEpochs)")
        }
        guard momentum.isFinite, momentum >= 0, momentum < 1 else {
            throw fail("momentum", "must be in [0, 1), got \(momentum)")
        }
        guard beta1 >= 0, beta1 < 1, beta2 >= 0, beta2 < 1 else {
            throw fail("betas", "Adam betas must be in [0, 1), got \(beta1), \(beta2)")
        }
        guard epsilon.isFinite, epsilon > 0 else { throw fail("eps", "must be positive, got \(epsilon)") }
        try check(weightDecay, "wd")
        try check(l1, "l1")
        try check(l2, "l2")
        if dropout.count > 1 && dropout.count != hiddenSizes.count {
            throw fail("dropout", "give one rate or one per hidden layer (\(hiddenSizes.count)), got \(dropout.count) rates")
        }
        for rate in dropout { try checkRate(rate, "dropout") }
        try checkRate(inputDropout, "input_dropout")
        guard batchNormMomentum > 0, batchNormMomentum <= 1 else {
            throw fail("bn_momentum", "must be in (0, 1], got \(batchNormMomentum)")
        }
        guard normalizationEpsilon.isFinite, normalizationEpsilon > 0 else {
            throw fail("norm_eps", "must be positive, got \(normalizationEpsilon)")
        }
        if let earlyStopping {
            guard earlyStopping.patience >= 1 else {
                throw fail("early_stop", "patience must be at least 1 epoch, got \(earlyStopping.patience)")
            }
            try check(earlyStopping.minDelta, "min_delta")
        }
        guard labelSmoothing.isFinite, labelSmoothing >= 0, labelSmoothing < 1 else {
            throw fail("label_smoothing", "must be in [0, 1), got \(labelSmoothing); try 0.1")
        }
        try check(mixupAlpha, "mixup")
        try check(inputNoise, "noise")
        guard shiftPixels >= 0 else { throw fail("shift", "must be >= 0 pixels, got \(shiftPixels)") }
        guard cutoutSize >= 0 else { throw fail("cutout", "must be >= 0 pixels, got \(cutoutSize)") }
        if let clip = gradientClipNorm, !(clip.isFinite && clip > 0) {
            throw fail("clip", "gradient clipping norm must be positive, got \(clip)")
        }
        try check(sparsityThreshold, "sparsity_threshold")
        if let every = checkpointEvery, every < 1 {
            throw fail("checkpoint_every", "must be at least 1 epoch, got \(every)")
        }
        if case .normal(let scale) = initialization, !(scale.isFinite && scale > 0) {
            throw fail("init", "normal:SCALE needs a positive scale, got \(scale)")
        }
    }

    /// Checks that need the data: classification-only options and image shape.
    public func validate(for data: PreparedData) throws(ConfigurationError) {
        try validate(for: data, budget: .machine)
    }

    func validate(for data: PreparedData, budget: MemoryBudget) throws(ConfigurationError) {
        try validateOptions()
        func fail(_ option: String, _ message: OptionText) -> ConfigurationError {
            ConfigurationError(key: option, problem: message)
        }
        guard data.train.rows > 0 else { throw fail("dataset", "the training split of '\(data.name)' is empty") }
        if labelSmoothing > 0 && !data.task.isClassification {
            throw fail("label_smoothing", "applies to classification only; '\(data.name)' is a regression data set")
        }
        if (shiftPixels > 0 || cutoutSize > 0) && data.imageShape == nil {
            throw fail(shiftPixels > 0 ? "shift" : "cutout", "needs image-shaped data such as digits; '\(data.name)' is not")
        }
        if let shape = data.imageShape {
            // A shift as wide as the image moves every pixel out of it; a cutout larger than it blanks it.
            let side = min(shape.height, shape.width)
            guard shiftPixels < side else {
                throw fail("shift", "\(shiftPixels) pixels is not less than the \(shape.height)x\(shape.width) images' side; use at most \(side - 1)")
            }
            guard cutoutSize <= side else {
                throw fail("cutout", "\(cutoutSize) pixels is larger than the \(shape.height)x\(shape.width) images; use at most \(side)")
            }
        }
        if let earlyStopping {
            if earlyStopping.monitor.rawValue.hasSuffix("acc") && !data.task.isClassification {
                throw fail("monitor", "\(earlyStopping.monitor.rawValue) needs a classification data set; use val_loss")
            }
            if earlyStopping.monitor.rawValue.hasPrefix("val") && data.validation.rows == 0 {
                throw fail("monitor", "\(earlyStopping.monitor.rawValue) needs a validation split; set \(option: "val_split") above 0")
            }
        }
        try validateSize(features: data.featureCount, task: data.task, trainRows: data.train.rows, budget: budget)
    }
}
