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
        // uniformFloat() < keep, decided on the generator's top 24 bits as an
        // integer: the same draws and the same mask, without the float math.
        // (The bits are exact in Float, so x * 2^-24 < keep exactly when
        // x < keep * 2^24, rounded up.)
        let keep = Float(1 - rate)
        let threshold = UInt64((keep * 0x1p24).rounded(.up))
        let scale = 1 / keep
        // Work on locals: touching the stored property inside the loop costs
        // a dynamic exclusivity check per element, and a generator reached
        // through `inout` is stored back to memory after every draw.
        var newMask = [Float](repeating: 0, count: input.values.count)
        var output = input
        var generator = random
        newMask.withUnsafeMutableBufferPointer { maskValues in
            output.values.withUnsafeMutableBufferPointer { values in
                for index in 0..<values.count {
                    let factor: Float = (generator.next() >> 40) < threshold ? scale : 0
                    maskValues[index] = factor
                    values[index] *= factor
                }
            }
        }
        random = generator
        mask = newMask
        return output
    }

    func backward(_ dOutput: Matrix) -> Matrix {
        guard !mask.isEmpty else { return dOutput }
        var dInput = dOutput
        mask.withUnsafeBufferPointer { maskValues in
            dInput.values.withUnsafeMutableBufferPointer { values in
                for index in 0..<values.count { values[index] *= maskValues[index] }
            }
        }
        return dInput
    }
}
