import Foundation

/// SGD, momentum, Nesterov, Adam and AdamW over the flat parameter buffer,
/// ordered by complexity as tinygrad's optim.py does. State (velocity, or
/// Adam's moments and step count) is plain arrays so checkpoints can hold it.
struct Optimizer: Equatable {
    let kind: OptimizerKind
    let momentum: Float
    let beta1: Double
    let beta2: Double
    let epsilon: Float
    let weightDecay: Float
    /// Velocity (momentum, nesterov) or first moment (adam, adamw).
    var first: [Float]
    /// Second moment (adam, adamw).
    var second: [Float]
    var step: Int = 0

    init(configuration: TrainingConfiguration, parameterCount: Int) {
        kind = configuration.optimizer
        momentum = Float(configuration.momentum)
        beta1 = configuration.beta1
        beta2 = configuration.beta2
        epsilon = Float(configuration.epsilon)
        weightDecay = Float(configuration.weightDecay)
        let needsFirst = kind != .sgd
        let needsSecond = kind == .adam || kind == .adamw
        first = [Float](repeating: 0, count: needsFirst ? parameterCount : 0)
        second = [Float](repeating: 0, count: needsSecond ? parameterCount : 0)
    }

    /// One update. `mask` is 1 where weight decay applies (Dense weights).
    /// `proximalL1` > 0 follows the step with the L1 soft threshold
    /// w = sign(w) max(|w| - t, 0) on masked values, where t = lr * l1 for
    /// the SGD family and lr * l1 / (sqrt(v̂) + eps) for Adam(W): the proximal
    /// step in the same per-parameter metric as the gradient step, so that
    /// Adam's normalization does not make the threshold negligible.
    mutating func update(_ parameters: inout [Float], gradients: [Float], mask: [Float], learningRate: Double, proximalL1: Float = 0) {
        step += 1
        let lr = Float(learningRate)
        let decay = weightDecay
        let coupledDecay: Float = kind == .adamw ? 0 : decay
        let momentum = momentum
        let epsilon = epsilon
        let firstCorrection = Float(1 - pow(beta1, Double(step)))
        let secondCorrection = Float(1 - pow(beta2, Double(step)))
        let (beta1, beta2) = (Float(beta1), Float(beta2))
        let kind = kind
        let proximal = lr * proximalL1
        parameters.withUnsafeMutableBufferPointer { w in
            gradients.withUnsafeBufferPointer { g in
                mask.withUnsafeBufferPointer { mask in
                    first.withUnsafeMutableBufferPointer { m in
                        second.withUnsafeMutableBufferPointer { v in
                            // One loop per kind, so each vectorizes.
                            switch kind {
                            case .sgd:
                                for i in w.indices {
                                    // Coupled decay is L2 through the gradient: g + wd * w.
                                    w[i] -= lr * (g[i] + coupledDecay * mask[i] * w[i])
                                }
                            case .momentum:
                                for i in w.indices {
                                    m[i] = momentum * m[i] + (g[i] + coupledDecay * mask[i] * w[i])
                                    w[i] -= lr * m[i]
                                }
                            case .nesterov:
                                for i in w.indices {
                                    let gradient = g[i] + coupledDecay * mask[i] * w[i]
                                    m[i] = momentum * m[i] + gradient
                                    w[i] -= lr * (gradient + momentum * m[i])
                                }
                            case .adam, .adamw:
                                // AdamW's decoupled decay: shrink by (1 - lr * wd), outside the moments.
                                let step = AdamStep(
                                    learningRate: lr, shrink: kind == .adamw ? lr * decay : 0, coupledDecay: coupledDecay,
                                    beta1: beta1, beta2: beta2, epsilon: epsilon,
                                    inverseFirst: 1 / firstCorrection, inverseSecond: 1 / secondCorrection,
                                    weights: w.baseAddress!, first: m.baseAddress!, second: v.baseAddress!,
                                    gradients: g.baseAddress!, mask: mask.baseAddress!)
                                step.apply(count: w.count)
                            }
                            guard proximal > 0 else { return }
                            let adaptive = kind == .adam || kind == .adamw
                            let inverseSecond = 1 / secondCorrection
                            for i in w.indices where mask[i] != 0 {
                                // Adam's step is lr * m̂ / (sqrt(v̂) + eps): the threshold scales alike.
                                let threshold = adaptive ? proximal / ((v[i] * inverseSecond).squareRoot() + epsilon) : proximal
                                let weight = w[i]
                                w[i] = weight > threshold ? weight - threshold : (weight < -threshold ? weight + threshold : 0)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One Adam(W) update of every parameter. Each value's update reads only
/// its own slot, so large networks split the buffer over the cores: the
/// result is the same bits whatever the split.
private struct AdamStep: @unchecked Sendable {
    let learningRate, shrink, coupledDecay, beta1, beta2, epsilon, inverseFirst, inverseSecond: Float
    let weights, first, second: UnsafeMutablePointer<Float>
    let gradients, mask: UnsafePointer<Float>

    /// Below this many parameters waking a second thread costs more than it saves.
    static let parallelThreshold = 1 << 16

    func apply(count: Int) {
        guard count >= Self.parallelThreshold, Parallel.threadCount > 1 else { return update(0..<count) }
        let threads = Parallel.threadCount
        // Chunks in whole vectors, so the split never changes which values take the scalar tail.
        let chunk = ((count + threads - 1) / threads + 7) / 8 * 8
        Parallel.forEach(threads) { index in
            let start = min(count, index * chunk)
            update(start..<min(count, start + chunk))
        }
    }

    private func update(_ range: Range<Int>) {
        // Eight lanes at a time by hand: the compiler does not vectorize
        // this loop over five buffers it cannot prove apart.
        typealias Lanes = SIMD8<Float>
        let vectorEnd = range.lowerBound + range.count / 8 * 8
        let wRaw = UnsafeMutableRawPointer(weights), mRaw = UnsafeMutableRawPointer(first)
        let vRaw = UnsafeMutableRawPointer(second)
        let gRaw = UnsafeRawPointer(gradients), maskRaw = UnsafeRawPointer(mask)
        let size = MemoryLayout<Float>.stride
        for offset in stride(from: range.lowerBound * size, to: vectorEnd * size, by: 8 * size) {
            var weight = wRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            let masked = maskRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self)
            let gradient = gRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self) + coupledDecay * masked * weight
            weight *= 1 - shrink * masked
            let moment = beta1 * mRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self) + (1 - beta1) * gradient
            let square = beta2 * vRaw.loadUnaligned(fromByteOffset: offset, as: Lanes.self) + (1 - beta2) * gradient * gradient
            weight -= learningRate * (moment * inverseFirst) / (VectorMath.squareRoot(square * inverseSecond) + epsilon)
            mRaw.storeBytes(of: moment, toByteOffset: offset, as: Lanes.self)
            vRaw.storeBytes(of: square, toByteOffset: offset, as: Lanes.self)
            wRaw.storeBytes(of: weight, toByteOffset: offset, as: Lanes.self)
        }
        for i in vectorEnd..<range.upperBound {
            let gradient = gradients[i] + coupledDecay * mask[i] * weights[i]
            weights[i] *= 1 - shrink * mask[i]
            first[i] = beta1 * first[i] + (1 - beta1) * gradient
            second[i] = beta2 * second[i] + (1 - beta2) * gradient * gradient
            weights[i] -= learningRate * (first[i] * inverseFirst) / ((second[i] * inverseSecond).squareRoot() + epsilon)
        }
    }
}

enum GradientClipping {
    /// Scales all gradients so their global L2 norm is at most `maxNorm`;
    /// returns the norm before clipping.
    @discardableResult
    static func clip(_ gradients: inout [Float], maxNorm: Double) -> Double {
        var sum: Double = 0
        for gradient in gradients { sum += Double(gradient) * Double(gradient) }
        let norm = sum.squareRoot()
        if norm > maxNorm {
            let scale = Float(maxNorm / norm)
            for index in gradients.indices { gradients[index] *= scale }
        }
        return norm
    }
}
