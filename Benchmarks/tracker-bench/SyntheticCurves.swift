import TrackerStore
import Training

/// The made-up learning curves the compare benchmarks log for each run: the
/// four standard metrics, with val_loss lowest at a random best epoch and
/// raised by the run's weight decay, plus a little noise.
enum SyntheticCurves {
    static func points(epochs: Int, weightDecay: Double, generator: inout RandomSource) -> [MetricPoint] {
        let bestEpoch = 20 + Int(generator.next() % 150)
        var points: [MetricPoint] = []
        points.reserveCapacity(epochs * 4)
        for step in 1...epochs {
            let distance = Double(step - bestEpoch) / Double(epochs)
            let noise = Double(generator.next() % 1000) / 1e5
            points.append(MetricPoint(key: "train_loss", step: step, value: 1 / Double(step) + noise))
            points.append(MetricPoint(key: "val_loss", step: step, value: 0.3 + weightDecay + distance * distance + noise))
            points.append(MetricPoint(key: "train_acc", step: step, value: 1 - 1 / Double(step + 1)))
            points.append(MetricPoint(key: "val_acc", step: step, value: 0.9 - distance * distance))
        }
        return points
    }
}
