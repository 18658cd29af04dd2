/// Everything the command line says about data, in one value: which set,
/// how to read it, how to split it.
///
/// Two seeds on purpose: `dataSeed` decides the values of a generated set
/// (and so its fingerprint and dataset version), `splitSeed` decides which
/// rows go to which split. Keeping the data seed fixed while run seeds vary
/// lets replicate runs share one dataset version.
public struct DataRequest: Sendable, Equatable {
    /// sine | moons | spirals | digits | a path ending in .csv
    public var dataset: String
    public var target: String?
    public var targetKind: TargetKind
    public var dataSeed: UInt64
    public var splitSeed: UInt64
    public var noise: Double?
    public var validationFraction: Double?
    public var testFraction: Double?
    /// Separate validation / test CSV files (`--val-data`, `--test-data`).
    public var validationDataPath: String?
    public var testDataPath: String?
    public var stratify: Bool
    /// Keep only this seeded fraction of the rows (by `dataSeed`), under the
    /// same name: a smaller version of the same data set, e.g. 0.2 of digits
    /// now and the full set later. Nil keeps every row.
    public var subsetFraction: Double?

    public init(
        dataset: String, target: String? = nil, targetKind: TargetKind = .automatic,
        dataSeed: UInt64 = 0, splitSeed: UInt64 = 0, noise: Double? = nil,
        validationFraction: Double? = nil, testFraction: Double? = nil,
        validationDataPath: String? = nil, testDataPath: String? = nil, stratify: Bool = true,
        subsetFraction: Double? = nil
    ) {
        self.dataset = dataset
        self.target = target
        self.targetKind = targetKind
        self.dataSeed = dataSeed
        self.splitSeed = splitSeed
        self.noise = noise
        self.validationFraction = validationFraction
        self.testFraction = testFraction
        self.validationDataPath = validationDataPath
        self.testDataPath = testDataPath
        self.stratify = stratify
        self.subsetFraction = subsetFraction
    }

    /// The data set named by the request, reduced to the subset if one is
    /// asked for.
    func loadRaw() throws -> RawDataset {
        let whole = try DataCatalog.load(name: dataset, options: loadOptions)
        return try subsetFraction.map { try whole.subset(fraction: $0, seed: dataSeed) } ?? whole
    }

    var loadOptions: DataOptions {
        DataOptions(seed: dataSeed, noise: noise, target: target, targetKind: targetKind)
    }

    var splitOptions: SplitOptions {
        SplitOptions(validationFraction: validationFraction, testFraction: testFraction, seed: splitSeed, stratify: stratify)
    }
}

/// What a request produced: the raw sets to register (each has
/// `contentForFingerprint`) and the prepared data to train on.
public struct LoadedData: Sendable {
    public var raw: RawDataset
    public var validationFile: RawDataset?
    public var testFile: RawDataset?
    public var prepared: PreparedData
}

/// What a cross-validation request produced: the raw sets to register and
/// one prepared data set per fold.
public struct LoadedFolds: Sendable {
    public var raw: RawDataset
    public var testFile: RawDataset?
    public var folds: [PreparedData]
}

extension DataCatalog {
    /// Loads, checks and splits in one call; every problem is a `DataError`
    /// thrown before any training starts.
    public static func prepare(_ request: DataRequest) throws -> LoadedData {
        let raw = try request.loadRaw()
        let validationFile = try request.validationDataPath.map { try loadCompanion(path: $0, like: raw) }
        let testFile = try request.testDataPath.map { try loadCompanion(path: $0, like: raw) }
        let prepared = try raw.prepare(request.splitOptions, validationData: validationFile, testData: testFile)
        return LoadedData(raw: raw, validationFile: validationFile, testFile: testFile, prepared: prepared)
    }

    /// K-fold cross-validation of the requested data set (`--folds K`). A
    /// separate validation file does not combine with folds (each fold in
    /// turn is the validation split); a separate test file does.
    public static func folds(_ request: DataRequest, k: Int) throws -> LoadedFolds {
        if request.validationDataPath != nil {
            throw DataError.conflictingOptions(first: "folds", second: "val_data", reason: "each fold in turn is the validation split")
        }
        let raw = try request.loadRaw()
        let testFile = try request.testDataPath.map { try loadCompanion(path: $0, like: raw) }
        let folds = try raw.folds(k: k, options: request.splitOptions, testData: testFile)
        return LoadedFolds(raw: raw, testFile: testFile, folds: folds)
    }
}
