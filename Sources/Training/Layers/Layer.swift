/// One step of a network. `forward` caches what `backward` needs; `backward`
/// adds parameter gradients into the shared store and returns dInput.
protocol Layer: AnyObject {
    func forward(_ input: Matrix, training: Bool, random: inout RandomSource) -> Matrix
    func backward(_ dOutput: Matrix) -> Matrix
}
