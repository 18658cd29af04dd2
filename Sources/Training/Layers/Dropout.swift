/// Inverted dropout: in training each unit is kept with probability 1 - rate
/// and scaled by 1 / (1 - rate), so the expected activation is unchanged and
/// evaluation is the identity.
final class Dropout: Layer {
    let rate: Double
    private var mask: [Float] = []

    init(rate: Double) {
        self.rate = rate
    }

    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix {
        guard training, rate > 0 else {
            mask = []
            return input
        }
        let keep = Float(1 - rate)
        let scale = 1 / keep
        mask = [Float](repeating: 0, count: input.values.count)
        var output = input
        for index in mask.indices {
            let kept = random.uniformFloat() < keep
            mask[index] = kept ? scale : 0
            output.values[index] *= mask[index]
        }
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        guard !mask.isEmpty else { return dOutput }
        var dInput = dOutput
        for index in mask.indices { dInput.values[index] *= mask[index] }
        return dInput
    }
}
