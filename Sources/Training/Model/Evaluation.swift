/// Loss (and accuracy for classification) of a model on one split, in
/// evaluation mode: no dropout, batch norm on running statistics, plain
/// targets (no label smoothing, no augmentation), no penalty.
public struct Evaluation: Sendable, Equatable {
    public let loss: Double
    /// Fraction of rows classified correctly; nil for regression.
    public let accuracy: Double?
    public let rows: Int
    /// Regression only: sqrt(loss), in the targets' own units (the engine
    /// never rescales targets, so the loss is in squared target units).
    public let rootMeanSquaredError: Double?
    /// Regression only: R^2 = 1 - SS_res / SS_tot, with SS_tot about the
    /// split's own target mean; nil when the split's targets are constant.
    public let coefficientOfDetermination: Double?

    init(loss: Double, accuracy: Double?, rows: Int, rootMeanSquaredError: Double? = nil, coefficientOfDetermination: Double? = nil) {
        self.loss = loss
        self.accuracy = accuracy
        self.rows = rows
        self.rootMeanSquaredError = rootMeanSquaredError
        self.coefficientOfDetermination = coefficientOfDetermination
    }
}

extension Network {
    func evaluate(_ split: DataSplit) -> Evaluation {
        guard split.rows > 0 else { return Evaluation(loss: .nan, accuracy: nil, rows: 0) }
        precondition(split.features == architecture.inputs, "split has \(split.features) features, model expects \(architecture.inputs)")
        return evaluation(of: predict(split.inputs, rows: split.rows), on: split)
    }

    /// Loss and accuracy of evaluation-mode `outputs` computed for `split`'s rows.
    func evaluation(of outputs: Matrix, on split: DataSplit) -> Evaluation {
        if architecture.isClassification {
            let targets = Targets.smoothedOneHot(split.targets, classes: architecture.classes, smoothing: 0)
            let loss = SoftmaxCrossEntropy.evaluate(outputs, targets: targets).loss
            let correct = SoftmaxCrossEntropy.correct(outputs, labels: split.targets[...])
            return Evaluation(loss: loss, accuracy: Double(correct) / Double(split.rows), rows: split.rows)
        }
        let loss = MeanSquaredError.evaluate(outputs, targets: Targets.column(split.targets)).loss
        return Evaluation(
            loss: loss, accuracy: nil, rows: split.rows, rootMeanSquaredError: loss.squareRoot(),
            coefficientOfDetermination: Self.coefficientOfDetermination(meanSquaredError: loss, targets: split.targets))
    }

    /// 1 - SS_res / SS_tot = 1 - MSE / (population variance of the targets).
    static func coefficientOfDetermination(meanSquaredError: Double, targets: [Float]) -> Double? {
        let count = Double(targets.count)
        let mean = targets.reduce(0.0) { $0 + Double($1) } / count
        let variance = targets.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
        guard variance > 0 else { return nil }
        return 1 - meanSquaredError / variance
    }

    /// sqrt(sum w^2) over Dense weights (not biases or norm parameters).
    /// Summed in Double over sixteen lanes: one serial chain of additions
    /// would cost more than the whole Adam step on small networks.
    var weightNorm: Double {
        var even = SIMD8<Double>(), odd = SIMD8<Double>()
        var sum: Double = 0
        store.values.withUnsafeBufferPointer { values in
            let raw = UnsafeRawPointer(values.baseAddress!)
            let size = MemoryLayout<Float>.stride
            for range in store.weightRanges {
                let vectorEnd = range.lowerBound + range.count / 16 * 16
                for index in stride(from: range.lowerBound, to: vectorEnd, by: 16) {
                    let low = SIMD8<Double>(raw.loadUnaligned(fromByteOffset: index * size, as: SIMD8<Float>.self))
                    let high = SIMD8<Double>(raw.loadUnaligned(fromByteOffset: (index + 8) * size, as: SIMD8<Float>.self))
                    even += low * low
                    odd += high * high
                }
                for index in vectorEnd..<range.upperBound { sum += Double(values[index]) * Double(values[index]) }
            }
        }
        return ((even + odd).sum() + sum).squareRoot()
    }

    /// Fraction of Dense weights with |w| < threshold.
    func sparsity(threshold: Double) -> Double {
        let limit = Float(threshold)
        var small = 0
        var total = 0
        store.values.withUnsafeBufferPointer { values in
            for range in store.weightRanges {
                total += range.count
                var counts = SIMD8<Int32>()
                let vectorEnd = range.lowerBound + range.count / 8 * 8
                let raw = UnsafeRawPointer(values.baseAddress!)
                for index in stride(from: range.lowerBound, to: vectorEnd, by: 8) {
                    let lane = raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Float>.stride, as: SIMD8<Float>.self)
                    counts &+= SIMD8<Int32>().replacing(with: 1, where: lane.replacing(with: -lane, where: lane .< 0) .< limit)
                }
                small += Int(counts.wrappedSum())
                for index in vectorEnd..<range.upperBound where abs(values[index]) < limit { small += 1 }
            }
        }
        return total == 0 ? 0 : Double(small) / Double(total)
    }
}
