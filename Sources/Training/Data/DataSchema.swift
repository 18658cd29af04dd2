/// What a model trained on a data set expects of any later data: the feature
/// columns in order, the target column, and the task with its class labels.
///
/// Codable so that it can be stored with a run and used to read an
/// evaluation file (`tracker eval`) after the training file is gone; a
/// separate validation or test file is read against the training file's.
public struct DataSchema: Sendable, Equatable, Codable {
    public var featureNames: [String]
    public var targetName: String
    /// Nil for regression; otherwise the class labels by class index.
    public var classNames: [String]?
    /// The training data's file or name, to cite in errors.
    public var source: String

    public init(featureNames: [String], targetName: String, classNames: [String]?, source: String) {
        self.featureNames = featureNames
        self.targetName = targetName
        self.classNames = classNames
        self.source = source
    }

    public var task: LearningTask {
        classNames.map { .classification(classes: $0.count) } ?? .regression
    }

    /// Same columns, target and classes; the source may differ.
    func accepts(_ other: DataSchema) -> Bool {
        featureNames == other.featureNames && targetName == other.targetName && classNames == other.classNames
    }
}

extension RawDataset {
    public var schema: DataSchema {
        DataSchema(
            featureNames: featureNames, targetName: targetName,
            classNames: task.isClassification ? classNames : nil, source: sourcePath ?? name
        )
    }

    /// Every row, unstandardized, in source order: apply a run's stored
    /// `Standardizer` to it to evaluate that run on this data.
    public var allRows: DataSplit {
        split(rows: Array(0..<rows))
    }
}
