/// A whole data set before it is split: every row's features and target,
/// what the columns are called, and what the data is, so that it can be
/// registered (by content fingerprint), split reproducibly and standardized.
public struct RawDataset: Sendable {
    /// "sine", "moons", "spirals", "digits", or the CSV file's name.
    public var name: String
    public let task: LearningTask
    /// rows x featureCount, row-major, in source order.
    public let features: [Float]
    /// One per row: the real target, or the class index 0..<classes.
    public let targets: [Float]
    public let featureNames: [String]
    /// The target column's name ("y" for sine, "digit" for digits).
    public let targetName: String
    /// Class labels as they appear in the source, indexed by class number.
    public let classNames: [String]
    /// Height and width when each row is an image (the 8x8 digits).
    public let imageShape: (height: Int, width: Int)?
    /// How features should be standardized unless a caller says otherwise.
    public let scaling: FeatureScaling
    /// Rows fixed to train/validation/test by the data set's definition (the
    /// noisy sine's clean test grid); nil when splits are drawn by fraction.
    public let designatedSplits: DesignatedSplits?
    /// For people: where the data came from, e.g. "generated noisy sine (seed
    /// 0, noise 0.3)" or the CSV path.
    public var source: String
    /// The file the rows were read from, if any.
    public let sourcePath: String?
    /// The file's exact bytes, kept only while the rows are exactly the file's.
    let fileBytes: [UInt8]?

    public var rows: Int { targets.count }
    public var featureCount: Int { featureNames.count }

    public init(
        name: String,
        task: LearningTask,
        features: [Float],
        targets: [Float],
        featureNames: [String],
        targetName: String,
        classNames: [String] = [],
        imageShape: (height: Int, width: Int)? = nil,
        scaling: FeatureScaling = .perFeature,
        designatedSplits: DesignatedSplits? = nil,
        source: String,
        sourcePath: String? = nil,
        fileBytes: [UInt8]? = nil
    ) {
        precondition(features.count == targets.count * featureNames.count, "features must hold rows x featureNames.count values")
        if case let .classification(classes) = task {
            precondition(classNames.count == classes, "classification needs one name per class")
        }
        if let imageShape {
            precondition(imageShape.height * imageShape.width == featureNames.count, "an image must have height x width features")
        }
        self.name = name
        self.task = task
        self.features = features
        self.targets = targets
        self.featureNames = featureNames
        self.targetName = targetName
        self.classNames = classNames
        self.imageShape = imageShape
        self.scaling = scaling
        self.designatedSplits = designatedSplits
        self.source = source
        self.sourcePath = sourcePath
        self.fileBytes = fileBytes
    }

    /// The bytes the store hashes to tell versions of a data set apart: a
    /// CSV's exact file bytes when the rows are the whole file, otherwise a
    /// canonical binary encoding of the values (see `CanonicalContent`).
    public var contentForFingerprint: [UInt8] {
        fileBytes ?? CanonicalContent.encode(self)
    }

    /// The features of one row.
    public func featureRow(_ row: Int) -> ArraySlice<Float> {
        features[row * featureCount ..< (row + 1) * featureCount]
    }

    /// How many rows each class has (empty for regression).
    public var classCounts: [Int] {
        guard case let .classification(classes) = task else { return [] }
        var counts = Array(repeating: 0, count: classes)
        for target in targets { counts[Int(target)] += 1 }
        return counts
    }

    /// The given rows, in the given order, as an unstandardized split.
    func split(rows indices: [Int]) -> DataSplit {
        var inputs: [Float] = []
        inputs.reserveCapacity(indices.count * featureCount)
        for row in indices { inputs.append(contentsOf: featureRow(row)) }
        return DataSplit(inputs: inputs, targets: indices.map { targets[$0] }, rows: indices.count, features: featureCount)
    }

    /// A data set of the given rows only; its fingerprint becomes the
    /// canonical encoding because the rows are no longer the file's.
    func selecting(rows indices: [Int], designatedSplits: DesignatedSplits?, source: String) -> RawDataset {
        let selected = split(rows: indices)
        return RawDataset(
            name: name, task: task, features: selected.inputs, targets: selected.targets,
            featureNames: featureNames, targetName: targetName, classNames: classNames,
            imageShape: imageShape, scaling: scaling, designatedSplits: designatedSplits,
            source: source, sourcePath: sourcePath, fileBytes: nil
        )
    }
}
