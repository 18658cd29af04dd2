/// The training rows on which each epoch measures `train_eval_loss` and
/// `train_eval_acc`: the training loss as the validation loss is measured
/// (evaluation mode, current weights), so that `val_loss - train_eval_loss`
/// compares like with like.
///
/// All rows up to `maximumRows`, else a fixed sample of `maximumRows` rows
/// drawn once with its own generator (the training generator is never
/// touched, so the other metrics stay bit-identical) and reused every epoch,
/// so the curve moves with the weights and not with the sample.
///
/// Why 4096: an evaluation pass is a forward pass without dropout or
/// gradients, about a third of a training pass's arithmetic over the same
/// rows; capped at 4096 rows it stays under a tenth of an epoch for any
/// training split of 4096 rows or more (60,000-row MNIST: about 2%), and
/// below that size the whole split costs well under a quarter of the epoch
/// (digits: see `tracker-bench engine`). The mean loss of 4096 rows has a
/// standard error of 1.6% of the per-row spread: enough to read a gap.
enum TrainingEvaluationSample {
    static let maximumRows = 4096

    /// Stream of the sample's generator, so it differs from every other use of the seed.
    private static let stream: UInt64 = 0x7EA1_E7A1

    static func rows(of split: DataSplit, seed: UInt64) -> DataSplit {
        guard split.rows > maximumRows else { return split }
        var random = RandomSource(seed: seed, stream: stream)
        // The first maximumRows of a random permutation, back in file order.
        let chosen = random.permutation(of: split.rows).prefix(maximumRows).sorted()
        var inputs: [Float] = []
        inputs.reserveCapacity(maximumRows * split.features)
        for row in chosen { inputs += split.inputs[(row * split.features)..<((row + 1) * split.features)] }
        return DataSplit(inputs: inputs, targets: chosen.map { split.targets[$0] }, rows: maximumRows, features: split.features)
    }
}
