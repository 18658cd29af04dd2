/// Changes to training batches only (never validation or test): random shift
/// and cutout for images, mixup, then Gaussian input noise. Inputs are
/// standardized, so the zeros that shift and cutout fill in are the training
/// mean of each pixel.
struct Augmentation {
    var shiftPixels: Int
    var cutoutSize: Int
    var mixupAlpha: Double
    var noise: Float
    var imageShape: (height: Int, width: Int)?

    init(configuration: TrainingConfiguration, imageShape: (height: Int, width: Int)?) {
        shiftPixels = configuration.shiftPixels
        cutoutSize = configuration.cutoutSize
        mixupAlpha = configuration.mixupAlpha
        noise = Float(configuration.inputNoise)
        self.imageShape = imageShape
    }

    var isActive: Bool { shiftPixels > 0 || cutoutSize > 0 || mixupAlpha > 0 || noise > 0 }

    func apply(inputs: inout Matrix, targets: inout Matrix, random: inout RandomSource) {
        if let shape = imageShape, shape.height * shape.width == inputs.columns {
            if shiftPixels > 0 { shift(&inputs, shape: shape, random: &random) }
            if cutoutSize > 0 { cutout(&inputs, shape: shape, random: &random) }
        }
        if mixupAlpha > 0 { mixup(&inputs, &targets, random: &random) }
        if noise > 0 {
            for index in inputs.values.indices { inputs.values[index] += noise * Float(random.gaussian()) }
        }
    }

    /// Each image moves by (dy, dx) in [-s, s]^2: padding by s and cropping.
    private func shift(_ inputs: inout Matrix, shape: (height: Int, width: Int), random: inout RandomSource) {
        let (height, width) = shape
        for row in 0..<inputs.rows {
            let dy = random.integer(below: 2 * shiftPixels + 1) - shiftPixels
            let dx = random.integer(below: 2 * shiftPixels + 1) - shiftPixels
            guard dy != 0 || dx != 0 else { continue }
            let base = row * inputs.columns
            let original = Array(inputs.values[base..<(base + inputs.columns)])
            for y in 0..<height {
                for x in 0..<width {
                    let sourceY = y - dy
                    let sourceX = x - dx
                    let inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width
                    inputs.values[base + y * width + x] = inside ? original[sourceY * width + sourceX] : 0
                }
            }
        }
    }

    /// Zeroes a size x size square centred anywhere in the image (it may
    /// hang over the edge, as in DeVries and Taylor).
    private func cutout(_ inputs: inout Matrix, shape: (height: Int, width: Int), random: inout RandomSource) {
        let (height, width) = shape
        for row in 0..<inputs.rows {
            let centerY = random.integer(below: height)
            let centerX = random.integer(below: width)
            let top = max(0, centerY - cutoutSize / 2)
            let left = max(0, centerX - cutoutSize / 2)
            let bottom = min(height, centerY - cutoutSize / 2 + cutoutSize)
            let right = min(width, centerX - cutoutSize / 2 + cutoutSize)
            guard top < bottom, left < right else { continue }
            for y in top..<bottom {
                for x in left..<right { inputs.values[row * inputs.columns + y * width + x] = 0 }
            }
        }
    }

    /// One lambda ~ Beta(alpha, alpha) per batch; each row is mixed with the
    /// row a random permutation pairs it with, inputs and targets alike.
    private func mixup(_ inputs: inout Matrix, _ targets: inout Matrix, random: inout RandomSource) {
        let lambda = Float(random.beta(mixupAlpha, mixupAlpha))
        var partner = Array(0..<inputs.rows)
        random.shuffle(&partner)
        let originalInputs = inputs
        let originalTargets = targets
        for row in 0..<inputs.rows {
            let other = partner[row]
            for column in 0..<inputs.columns {
                inputs.values[row * inputs.columns + column] = lambda * originalInputs.values[row * inputs.columns + column]
                    + (1 - lambda) * originalInputs.values[other * inputs.columns + column]
            }
            for column in 0..<targets.columns {
                targets.values[row * targets.columns + column] = lambda * originalTargets.values[row * targets.columns + column]
                    + (1 - lambda) * originalTargets.values[other * targets.columns + column]
            }
        }
    }
}
