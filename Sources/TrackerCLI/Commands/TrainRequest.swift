import Training

/// Everything one `tracker train` command line asks for, converted and
/// checked: nothing here touches data or the database, so every usage error
/// surfaces before any work starts.
struct TrainRequest {
    var data: DataRequest
    /// `--dataset-name`: the name the data set's versions are kept under.
    var datasetName: String?
    var configuration: TrainingConfiguration
    var name: String?
    var group: String?
    var tags: [String]
    var notes: String?
    var quiet: Bool
    var databasePath: String
    /// The command line that reproduces the run, rebuilt from the parsed options.
    var commandLine: String

    init(_ arguments: ParsedArguments, environment: [String: String]) throws(UsageError) {
        typealias O = TrainOptions
        let fraction = ValueRange<Double>.from(0, below: 1)
        data = DataRequest(
            dataset: arguments.string(O.dataset.name) ?? "",
            target: arguments.string(O.target.name),
            dataSeed: try Self.seed(arguments, O.dataSeed),
            splitSeed: try Self.seed(arguments, O.splitSeed),
            noise: try arguments.value(O.dataNoise.name, in: .atLeast(0)),
            validationFraction: try arguments.value(O.valSplit.name, in: fraction),
            testFraction: try arguments.value(O.testSplit.name, in: fraction),
            validationDataPath: arguments.string(O.valData.name),
            testDataPath: arguments.string(O.testData.name),
            subsetFraction: try arguments.value(O.subset.name, in: ValueRange(lower: (0, false), upper: (1, true))))

        datasetName = arguments.string(O.datasetName.name)
        if let datasetName, datasetName.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalidValue(value: datasetName, argument: O.datasetName.displayName, expected: "a non-empty name, e.g. wine")
        }

        var configuration = TrainingConfiguration()
        configuration.hiddenSizes = try arguments.list(O.hidden.name, of: Int.self, in: .atLeast(1)) ?? []
        configuration.activation = try arguments.value(O.activation.name) ?? .relu
        configuration.initialization = try Self.initialization(arguments.string(O.initialization.name) ?? "he")
        let norms = [(O.batchnorm, Normalization.batchnorm), (O.layernorm, .layernorm), (O.rmsnorm, .rmsnorm)]
            .filter { arguments.isSet($0.0.name) }
        if norms.count > 1 {
            throw .invalid("Give at most one of --batchnorm, --layernorm and --rmsnorm.")
        }
        configuration.normalization = norms.first?.1 ?? .none

        configuration.epochs = try arguments.value(O.epochs.name, in: .atLeast(1)) ?? 100
        configuration.batchSize = try Self.batchSize(arguments.string(O.batchSize.name) ?? "32")
        configuration.learningRate = try arguments.value(O.lr.name, in: .greaterThan(0)) ?? 1e-3
        configuration.schedule = try Self.schedule(arguments.string(O.schedule.name) ?? "constant")
        configuration.warmupEpochs = try arguments.value(O.warmup.name, in: .atLeast(0)) ?? 0
        configuration.optimizer = try arguments.value(O.optimizer.name) ?? .adam
        configuration.momentum = try arguments.value(O.momentum.name, in: fraction) ?? 0.9
        let clip = try arguments.value(O.clip.name, as: Double.self, in: .atLeast(0)) ?? 0
        configuration.gradientClipNorm = clip > 0 ? clip : nil

        configuration.weightDecay = try arguments.value(O.wd.name, in: .atLeast(0)) ?? 0
        configuration.l1 = try arguments.value(O.l1.name, in: .atLeast(0)) ?? 0
        configuration.l1Proximal = arguments.isSet(O.proximalL1.name)
        configuration.l2 = try arguments.value(O.l2.name, in: .atLeast(0)) ?? 0
        let rates = try arguments.list(O.dropout.name, of: Double.self, in: fraction) ?? []
        configuration.dropout = rates.allSatisfy { $0 == 0 } && rates.count <= 1 ? [] : rates
        configuration.inputDropout = try arguments.value(O.inputDropout.name, in: fraction) ?? 0
        // 0 turns early stopping off, so that a sweep can list `--early-stop 0,20`
        // and a run's recorded params replay as a valid command line.
        if let patience = try arguments.value(O.earlyStop.name, as: Int.self, in: .atLeast(0)), patience > 0 {
            configuration.earlyStopping = EarlyStopping(
                patience: patience, monitor: try arguments.value(O.monitor.name) ?? .valLoss,
                minDelta: try arguments.value(O.minDelta.name, in: .atLeast(0)) ?? 0)
        } else if arguments.isExplicit(O.monitor.name) || arguments.isExplicit(O.minDelta.name) {
            throw .invalid("--monitor and --min-delta configure early stopping; add --early-stop PATIENCE (e.g. --early-stop 20).")
        }
        configuration.labelSmoothing = try arguments.value(O.labelSmoothing.name, in: fraction) ?? 0
        configuration.mixupAlpha = try arguments.value(O.mixup.name, in: .atLeast(0)) ?? 0
        configuration.inputNoise = try arguments.value(O.noise.name, in: .atLeast(0)) ?? 0
        configuration.shiftPixels = try arguments.value(O.shift.name, in: .atLeast(0)) ?? 0
        configuration.cutoutSize = try arguments.value(O.cutout.name, in: .atLeast(0)) ?? 0

        configuration.seed = try Self.seed(arguments, O.seed)
        configuration.sparsityThreshold = try arguments.value(O.sparsityThreshold.name, in: .atLeast(0)) ?? 1e-3
        configuration.checkpointEvery = try arguments.value(O.checkpointEvery.name, in: .atLeast(1))
        do {
            try configuration.validate()
        } catch {
            throw .invalid(error.message)
        }
        self.configuration = configuration

        name = arguments.string(O.name.name)
        group = arguments.string(O.group.name)
        tags = arguments.strings(O.tag.name)
        notes = arguments.string(O.notes.name)
        for (option, text) in [(O.name, name), (O.group, group)] where text?.isEmpty == true {
            throw .invalid("\(option.displayName) is empty; give it some text or leave it out.")
        }
        if tags.contains(where: \.isEmpty) { throw .invalid("--tag is empty; give each tag some text.") }
        quiet = arguments.isSet(O.quiet.name)
        databasePath = CommonOptions.databasePath(arguments, environment: environment)
        commandLine = Self.commandLine(arguments)
    }

    // MARK: Values that are more than a number

    private static func seed(_ arguments: ParsedArguments, _ option: OptionSpec) throws(UsageError) -> UInt64 {
        UInt64(try arguments.value(option.name, as: Int.self, in: .atLeast(0)) ?? 0)
    }

    static func initialization(_ text: String) throws(UsageError) -> Initialization {
        switch text {
        case "he": return .he
        case "xavier": return .xavier
        default:
            if text.hasPrefix("normal:"), let scale = Double(argument: String(text.dropFirst("normal:".count))), scale > 0 {
                return .normal(scale: scale)
            }
            throw .invalidValue(value: text, argument: "--init", expected: "he, xavier or normal:SCALE with SCALE > 0 (e.g. normal:0.5)")
        }
    }

    static func batchSize(_ text: String) throws(UsageError) -> BatchSize {
        if text == "full" { return .full }
        guard let rows = Int(text), rows >= 1 else {
            throw .invalidValue(value: text, argument: "--batch-size", expected: "an integer >= 1 or 'full'")
        }
        return .rows(rows)
    }

    static func schedule(_ text: String) throws(UsageError) -> LearningRateSchedule {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("constant", 1): return .constant
        case ("cosine", 1): return .cosine(minimum: 0)
        case ("cosine", 2):
            if let minimum = Double(argument: parts[1]), minimum >= 0 { return .cosine(minimum: minimum) }
        case ("step", 3):
            if let every = Int(parts[1]), every >= 1, let factor = Double(argument: parts[2]), factor > 0, factor <= 1 {
                return .step(every: every, factor: factor)
            }
        default: break
        }
        throw .invalidValue(
            value: text, argument: "--schedule",
            expected: "constant, cosine, cosine:MIN or step:EVERY:FACTOR (e.g. step:30:0.5, FACTOR in (0, 1])")
    }

    /// `tracker train` and every option the user gave, in the help's order,
    /// quoted for a POSIX shell where needed.
    static func commandLine(_ arguments: ParsedArguments) -> String {
        var words = ["tracker", "train"]
        for option in arguments.spec.options {
            if !option.takesValue {
                if arguments.isSet(option.name) { words.append(option.displayName) }
            } else if arguments.isExplicit(option.name) {
                for value in arguments.strings(option.name) { words += [option.displayName, shellQuoted(value)] }
            }
        }
        return words.joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_.,:/+=@".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
