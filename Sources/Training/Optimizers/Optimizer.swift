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
                            for i in w.indices {
                                // Coupled decay is L2 through the gradient: g + wd * w.
                                let gradient = g[i] + coupledDecay * mask[i] * w[i]
                                var threshold = proximal
                                switch kind {
                                case .sgd:
                                    w[i] -= lr * gradient
                                case .momentum:
                                    m[i] = momentum * m[i] + gradient
                                    w[i] -= lr * m[i]
                                case .nesterov:
                                    m[i] = momentum * m[i] + gradient
                                    w[i] -= lr * (gradient + momentum * m[i])
                                case .adam, .adamw:
                                    // AdamW's decoupled decay: shrink by (1 - lr * wd), outside the moments.
                                    if kind == .adamw && mask[i] != 0 { w[i] *= 1 - lr * decay }
                                    m[i] = beta1 * m[i] + (1 - beta1) * gradient
                                    v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
                                    let mHat = m[i] / firstCorrection
                                    let vHat = v[i] / secondCorrection
                                    let scale = 1 / (vHat.squareRoot() + epsilon)
                                    w[i] -= lr * mHat * scale
                                    threshold *= scale
                                }
                                if threshold > 0 && mask[i] != 0 {
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
