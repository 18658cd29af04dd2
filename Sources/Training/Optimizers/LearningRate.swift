import Foundation

extension TrainingConfiguration {
    /// The learning rate used throughout 1-based `epoch`: linear warm-up over
    /// the first `warmupEpochs`, then the schedule over the remaining epochs.
    public func learningRate(atEpoch epoch: Int) -> Double {
        if epoch <= warmupEpochs { return learningRate * Double(epoch) / Double(warmupEpochs) }
        let elapsed = epoch - warmupEpochs - 1  // 0 at the first scheduled epoch
        switch schedule {
        case .constant:
            return learningRate
        case .step(let every, let factor):
            return learningRate * pow(factor, Double(elapsed / every))
        case .cosine(let minimum):
            let span = max(1, epochs - warmupEpochs - 1)
            let progress = min(1, Double(elapsed) / Double(span))
            return minimum + (learningRate - minimum) * (1 + cos(Double.pi * progress)) / 2
        }
    }
}
