/// The training rows on which each epoch measures `train_eval_loss` and
/// `train_eval_acc`: the training loss as the validation loss is measured
/// (evaluation mode, current weights), so that `val_loss - train_eval_loss`
/// compares like with like.
///
/// Size: all rows up to `minimumRows` (256); above, half of them, at most
/// `maximumRows` (4096). The rows are drawn once with their own generator
/// (the training generator is never touched, so the other metrics stay
/// bit-identical) and reused every epoch, so the curve moves with the
/// weights and not with the sample.
///
/// Why: an evaluation pass is a forward pass without dropout or gradients,
/// about a third of a training pass's arithmetic over the same rows, and no
/// faster per row in practice (digits 64-128-128-10: a full pass measured
/// 38% of the rest of the epoch in `tracker-bench engine`). Half the rows
/// brings it to about a sixth (the bar is a quarter); 4096 rows cap
/// it at a few percent of large epochs (60,000-row MNIST: about 2%). Half
/// the training rows is still more rows than the validation split of the
/// usual 60/20/20 split, so the gap's noise comes from the validation side:
/// the mean loss of 4096 rows has a standard error of 1.6% of the per-row
/// spread, of 539 rows (digits) 4.3%, against 5.3% for its 359 validation rows.
enum TrainingEvaluationSample {
    static let minimumRows = 256
    static let maximumRows = 4096

    /// Stream of the sample's generator, so it differs from every other use of the seed.
    private static let stream: UInt64 = 0x7EA1_E7A1

    /// How many of `rows` training rows the pass measures.
    static func sampleRows(forTrainingRows rows: Int) -> Int {
        rows <= minimumRows ? rows : min(maximumRows, max(minimumRows, rows / 2))
    }

    static func rows(of split: DataSplit, seed: UInt64) -> DataSplit {
        let count = sampleRows(forTrainingRows: split.rows)
        guard count < split.rows else { return split }
        var random = RandomSource(seed: seed, stream: stream)
        // The first `count` of a random permutation, back in file order.
        let chosen = random.permutation(of: split.rows).prefix(count).sorted()
        var inputs: [Float] = []
        inputs.reserveCapacity(count * split.features)
        for row in chosen { inputs += split.inputs[(row * split.features)..<((row + 1) * split.features)] }
        return DataSplit(inputs: inputs, targets: chosen.map { split.targets[$0] }, rows: count, features: split.features)
    }
}
