/// All of a network's numbers in three flat buffers, llm.c style: trainable
/// parameters, their gradients in the same layout, and non-trainable buffers
/// (batch norm running statistics). Optimizers and checkpoints see one array.
final class ParameterStore {
    var values: [Float]
    var gradients: [Float]
    var buffers: [Float]
    /// 1 for values that penalties and weight decay apply to (Dense weights),
    /// 0 for biases and normalization parameters.
    let penalized: [Float]
    /// Index ranges of each Dense layer's weights, for diagnostics.
    let weightRanges: [Range<Int>]

    init(parameterCount: Int, bufferCount: Int, weightRanges: [Range<Int>]) {
        values = [Float](repeating: 0, count: parameterCount)
        gradients = [Float](repeating: 0, count: parameterCount)
        buffers = [Float](repeating: 0, count: bufferCount)
        var mask = [Float](repeating: 0, count: parameterCount)
        for range in weightRanges { for index in range { mask[index] = 1 } }
        penalized = mask
        self.weightRanges = weightRanges
    }

    func zeroGradients() {
        gradients.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
