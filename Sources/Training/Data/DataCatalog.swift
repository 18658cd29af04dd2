import Foundation

/// What to load besides the name: the generated sets' seed and noise, and a
/// CSV's target column.
public struct DataOptions: Sendable, Equatable {
    /// Seeds the generated sets (sine, moons, spirals); the same seed gives
    /// the same values, and so the same fingerprint.
    public var seed: UInt64
    /// Noise level of a generated set (nil: its default, see
    /// `DataCatalog.defaultNoise(for:)`). Not applicable to digits or CSVs.
    public var noise: Double?
    /// The CSV column to predict; nil for the last column.
    public var target: String?
    public var targetKind: TargetKind

    public init(seed: UInt64 = 0, noise: Double? = nil, target: String? = nil, targetKind: TargetKind = .automatic) {
        self.seed = seed
        self.noise = noise
        self.target = target
        self.targetKind = targetKind
    }
}

/// The one entry point for "--dataset NAME": a built-in set by name, or a
/// CSV file by a path ending in .csv.
public enum DataCatalog {
    public static let builtInNames = [NoisySine.name, TwoMoons.name, Spirals.name, "digits"]

    /// The noise level a generated set uses when none is given; nil for the
    /// sets that have none.
    public static func defaultNoise(for name: String) -> Double? {
        switch name {
        case NoisySine.name: NoisySine.defaultNoise
        case TwoMoons.name: TwoMoons.defaultNoise
        case Spirals.name: Spirals.defaultNoise
        default: nil
        }
    }

    public static func isCSVPath(_ name: String) -> Bool {
        name.lowercased().hasSuffix(".csv")
    }

    public static func load(name: String, options: DataOptions = DataOptions()) throws -> RawDataset {
        if isCSVPath(name) {
            if options.noise != nil {
                throw DataError.optionNotApplicable(key: "data_noise", dataset: name, reason: "only the generated sets sine, moons and spirals have a noise level")
            }
            return try CSVDataset.read(bytes: readFile(name), file: name, target: options.target, kind: options.targetKind)
        }
        guard builtInNames.contains(name) else {
            throw DataError.unknownDataset(name: name, valid: builtInNames)
        }
        if let target = options.target {
            throw DataError.optionNotApplicable(key: "target", value: target, dataset: name, reason: "a built-in set has a fixed target; \(option: "target") is for CSV files")
        }
        if options.targetKind != .automatic {
            throw DataError.optionNotApplicable(key: "target", dataset: name, reason: "a built-in set has a fixed task")
        }
        let noise = try checkedNoise(options.noise, for: name)
        switch name {
        case NoisySine.name:
            return NoisySine(noise: noise ?? NoisySine.defaultNoise).generate(seed: options.seed)
        case TwoMoons.name:
            return TwoMoons(noise: noise ?? TwoMoons.defaultNoise).generate(seed: options.seed)
        case Spirals.name:
            return Spirals(noise: noise ?? Spirals.defaultNoise).generate(seed: options.seed)
        default:
            return Digits.load()
        }
    }

    /// `load(name:options:)` with a target column, as the CLI calls it.
    public static func load(name: String, target: String?, options: DataOptions = DataOptions()) throws -> RawDataset {
        var options = options
        options.target = target
        return try load(name: name, options: options)
    }

    /// A separate validation or test CSV for `reference` (the training data
    /// set): same columns in the same order, labels mapped to its classes.
    public static func loadCompanion(path: String, like reference: RawDataset) throws -> RawDataset {
        try loadCompanion(path: path, schema: reference.schema)
    }

    /// A CSV read against a stored schema, e.g. to evaluate a finished run
    /// on new data: same columns in the same order, labels mapped to the
    /// schema's classes.
    public static func loadCompanion(path: String, schema: DataSchema) throws -> RawDataset {
        guard isCSVPath(path) else {
            throw DataError.invalidOption(keys: ["dataset"], value: path, expected: "a path ending in .csv")
        }
        return try CSVDataset.read(bytes: readFile(path), file: path, schema: schema)
    }

    /// The file's bytes, or an error that says why they cannot be read.
    public static func readFile(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError.unreadableFile(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw DataError.unreadableFile(file: path, reason: "it is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError.unreadableFile(file: path, reason: "permission denied or not a regular file")
        }
        return [UInt8](data)
    }

    private static func checkedNoise(_ noise: Double?, for name: String) throws -> Double? {
        guard let noise else { return nil }
        guard defaultNoise(for: name) != nil else {
            throw DataError.optionNotApplicable(key: "data_noise", dataset: name, reason: "only the generated sets sine, moons and spirals have a noise level")
        }
        guard noise.isFinite, noise >= 0 else {
            throw DataError.invalidOption(keys: ["data_noise"], value: "\(noise)", expected: "a standard deviation of at least 0 (e.g. 0.3)")
        }
        return noise
    }
}
