/// Loss (and accuracy for classification) of a model on one split, in
/// evaluation mode: no dropout, batch norm on running statistics, plain
/// targets (no label smoothing, no augmentation), no penalty.
public struct Evaluation: Sendable, Equatable {
    public let loss: Double
    /// Fraction of rows classified correctly; nil for regression.
    public let accuracy: Double?
    public let rows: Int
}

extension Network {
    func evaluate(_ split: DataSplit) -> Evaluation {
        guard split.rows > 0 else { return Evaluation(loss: .nan, accuracy: nil, rows: 0) }
        precondition(split.features == architecture.inputs, "split has \(split.features) features, model expects \(architecture.inputs)")
        let outputs = predict(split.inputs, rows: split.rows)
        if architecture.isClassification {
            let targets = Targets.smoothedOneHot(split.targets, classes: architecture.classes, smoothing: 0)
            let loss = SoftmaxCrossEntropy.evaluate(outputs, targets: targets).loss
            let correct = SoftmaxCrossEntropy.correct(outputs, labels: split.targets[...])
            return Evaluation(loss: loss, accuracy: Double(correct) / Double(split.rows), rows: split.rows)
        }
        let loss = MeanSquaredError.evaluate(outputs, targets: Targets.column(split.targets)).loss
        return Evaluation(loss: loss, accuracy: nil, rows: split.rows)
    }

    /// sqrt(sum w^2) over Dense weights (not biases or norm parameters).
    var weightNorm: Double {
        var sum: Double = 0
        for range in store.weightRanges { for index in range { sum += Double(store.values[index]) * Double(store.values[index]) } }
        return sum.squareRoot()
    }

    /// Fraction of Dense weights with |w| < threshold.
    func sparsity(threshold: Double) -> Double {
        let limit = Float(threshold)
        var small = 0
        var total = 0
        for range in store.weightRanges {
            total += range.count
            for index in range where abs(store.values[index]) < limit { small += 1 }
        }
        return total == 0 ? 0 : Double(small) / Double(total)
    }
}
