/// What a training run consumes: train, validation and test splits, already
/// standardized with the training split's statistics.
///
/// The contract between the data loaders (generators, bundled digits, CSV)
/// and the engine. Everything is plain row-major `Float` arrays so that the
/// engine can copy batches straight into its tensors.

/// Regression (one real target per row) or classification among `classes`.
public enum LearningTask: Sendable, Equatable {
    case regression
    case classification(classes: Int)

    public var isClassification: Bool {
        if case .classification = self { true } else { false }
    }
}

/// One split: `rows` examples of `features` inputs each.
public struct DataSplit: Sendable, Equatable {
    /// rows x features, row-major.
    public var inputs: [Float]
    /// One value per row: the real target (regression) or the class index as
    /// a whole number 0..<classes (classification).
    public var targets: [Float]
    public let rows: Int
    public let features: Int

    public init(inputs: [Float], targets: [Float], rows: Int, features: Int) {
        precondition(inputs.count == rows * features, "inputs must hold rows x features values")
        precondition(targets.count == rows, "targets must hold one value per row")
        self.inputs = inputs
        self.targets = targets
        self.rows = rows
        self.features = features
    }
}

/// A data set split and standardized, ready to train on.
public struct PreparedData: Sendable {
    /// "sine", "moons", "spirals", "digits", or the CSV file's name.
    public var name: String
    public var task: LearningTask
    public var train: DataSplit
    public var validation: DataSplit
    public var test: DataSplit
    public var featureNames: [String]
    /// Class labels as they appeared in the source, indexed by class number.
    public var classNames: [String]
    /// Height and width when each row is an image (the 8x8 digits), so that
    /// shift and cutout augmentation know the layout; nil otherwise.
    public var imageShape: (height: Int, width: Int)?
    /// The map applied to every split's features, fitted on the training
    /// split; apply it to any later data (e.g. an evaluation file). Nil when
    /// the data was built without one (features as given).
    public var standardizer: Standardizer?

    public init(
        name: String, task: LearningTask, train: DataSplit, validation: DataSplit, test: DataSplit,
        featureNames: [String], classNames: [String] = [], imageShape: (height: Int, width: Int)? = nil,
        standardizer: Standardizer? = nil
    ) {
        self.name = name
        self.task = task
        self.train = train
        self.validation = validation
        self.test = test
        self.featureNames = featureNames
        self.classNames = classNames
        self.imageShape = imageShape
        self.standardizer = standardizer
    }

    public var featureCount: Int { train.features }
}
