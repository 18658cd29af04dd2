/// L1, L2 and elastic net on the penalized parameters (Dense weights):
/// `l1 * sum|w| + l2 * sum w^2`. With `proximal`, L1 leaves the loss and the
/// optimizer applies it as a soft threshold after each step instead.
struct Penalty {
    var l1: Float
    var l2: Float
    var proximal: Bool

    init(configuration: TrainingConfiguration) {
        l1 = Float(configuration.l1)
        l2 = Float(configuration.l2)
        proximal = configuration.l1Proximal
    }

    init(l1: Float, l2: Float, proximal: Bool) {
        self.l1 = l1
        self.l2 = l2
        self.proximal = proximal
    }

    var isActive: Bool { l1 > 0 || l2 > 0 }
    private var gradientL1: Float { proximal ? 0 : l1 }

    /// The penalty's contribution to the loss.
    func value(_ parameters: [Float], mask: [Float]) -> Double {
        guard isActive else { return 0 }
        var absolute: Double = 0
        var squares: Double = 0
        for index in parameters.indices where mask[index] != 0 {
            let weight = Double(parameters[index])
            absolute += abs(weight)
            squares += weight * weight
        }
        return Double(gradientL1) * absolute + Double(l2) * squares
    }

    /// gradients += l1 * sign(w) + 2 * l2 * w (sign(0) = 0: the subgradient
    /// that leaves a zero weight alone).
    func addGradient(_ parameters: [Float], mask: [Float], to gradients: inout [Float]) {
        guard isActive else { return }
        let (l1, l2) = (gradientL1, 2 * l2)
        gradients.withUnsafeMutableBufferPointer { gradients in
            parameters.withUnsafeBufferPointer { weights in
                mask.withUnsafeBufferPointer { mask in
                    for index in gradients.indices {
                        let weight = weights[index]
                        let sign: Float = weight > 0 ? 1 : (weight < 0 ? -1 : 0)
                        gradients[index] += mask[index] * (l1 * sign + l2 * weight)
                    }
                }
            }
        }
    }

    /// The L1 strength the optimizer applies as a proximal step (0 if none).
    var proximalL1: Float { proximal ? l1 : 0 }
}
