import Foundation

/// A data loss and its gradient with respect to the network's outputs, both
/// means over the batch's rows.
struct LossValue {
    var loss: Double
    var gradient: Matrix
}

enum MeanSquaredError {
    /// mean over rows and outputs of (prediction - target)^2.
    static func evaluate(_ predictions: Matrix, targets: Matrix) -> LossValue {
        precondition(predictions.values.count == targets.values.count, "predictions and targets must match")
        let count = Float(predictions.values.count)
        var gradient = predictions
        var sum: Double = 0
        for index in predictions.values.indices {
            let difference = predictions.values[index] - targets.values[index]
            sum += Double(difference) * Double(difference)
            gradient.values[index] = 2 * difference / count
        }
        return LossValue(loss: sum / Double(count), gradient: gradient)
    }
}

enum SoftmaxCrossEntropy {
    /// mean over rows of -sum_c q_c log softmax(z)_c, computed from logits
    /// with the max subtracted; `targets` are distributions over classes
    /// (one-hot, smoothed or mixed). Gradient: (softmax(z) - q) / rows.
    static func evaluate(_ logits: Matrix, targets: Matrix) -> LossValue {
        precondition(logits.values.count == targets.values.count, "logits and targets must match")
        let rows = logits.rows
        let classes = logits.columns
        var gradient = logits
        var sum: Double = 0
        for row in 0..<rows {
            let line = row * classes
            var largest = -Float.infinity
            for column in 0..<classes { largest = max(largest, logits.values[line + column]) }
            var total: Float = 0
            for column in 0..<classes {
                let shifted = exp(logits.values[line + column] - largest)
                gradient.values[line + column] = shifted
                total += shifted
            }
            let logTotal = log(total)
            for column in 0..<classes {
                let target = targets.values[line + column]
                let logProbability = logits.values[line + column] - largest - logTotal
                sum -= Double(target) * Double(logProbability)
                gradient.values[line + column] = (gradient.values[line + column] / total - target) / Float(rows)
            }
        }
        return LossValue(loss: sum / Double(rows), gradient: gradient)
    }

    /// Number of rows whose largest logit is at the class index in `labels`.
    static func correct(_ logits: Matrix, labels: ArraySlice<Float>) -> Int {
        var count = 0
        for (row, label) in labels.enumerated() {
            let line = row * logits.columns
            var best = 0
            for column in 1..<logits.columns where logits.values[line + column] > logits.values[line + best] { best = column }
            if best == Int(label) { count += 1 }
        }
        return count
    }
}

enum Targets {
    /// One row per label: (1 - smoothing) on the label plus smoothing / classes
    /// everywhere, so each row sums to 1.
    static func smoothedOneHot(_ labels: some Collection<Float>, classes: Int, smoothing: Double) -> Matrix {
        let off = Float(smoothing / Double(classes))
        let on = Float(1 - smoothing) + off
        var values = [Float](repeating: off, count: labels.count * classes)
        for (row, label) in labels.enumerated() { values[row * classes + Int(label)] = on }
        return Matrix(rows: labels.count, columns: classes, values: values)
    }

    /// Regression targets as a one-column matrix.
    static func column(_ values: some Collection<Float>) -> Matrix {
        Matrix(rows: values.count, columns: 1, values: Array(values))
    }
}
