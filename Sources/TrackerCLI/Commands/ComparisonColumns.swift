import TrackerStore
import Analysis

/// The metrics `tracker compare` reads for every row, located once in a
/// comparison's arrays. Looking each one up by name per row (a dozen string
/// searches a row) was most of the time of building a table of 10,000 runs.
///
/// Rows are named by their index in `comparison.rows` and read in place:
/// passing a `Comparison.Row` by value copies it, which retains and
/// releases its five references each time.
struct ComparisonColumns {
    let comparison: Comparison
    let trainLoss: Int?
    let trainEvalLoss: Int?
    let valLoss: Int?
    let weightNorm: Int?
    let objective: Int?

    init(_ comparison: Comparison) {
        self.comparison = comparison
        trainLoss = comparison.metricNames.firstIndex(of: MetricKey.trainLoss)
        trainEvalLoss = comparison.metricNames.firstIndex(of: MetricKey.trainEvalLoss)
        valLoss = comparison.metricNames.firstIndex(of: MetricKey.valLoss)
        weightNorm = comparison.metricNames.firstIndex(of: MetricKey.weightNorm)
        objective = comparison.metricNames.firstIndex(of: comparison.objective)
    }

    func column(_ metric: String) -> Int? {
        comparison.metricNames.firstIndex(of: metric)
    }

    /// A view of one row of another comparison (for callers holding a row).
    static func single(_ row: Comparison.Row, of comparison: Comparison) -> ComparisonColumns {
        var single = comparison
        single.rows = [row]
        return ComparisonColumns(single)
    }

    func summary(_ column: Int?, _ row: Int) -> MetricSummary? {
        column.flatMap { comparison.rows[row].summaries[$0] }
    }

    func valueAtBest(_ column: Int?, _ row: Int) -> Double? {
        column.flatMap { comparison.rows[row].atBest[$0] }
    }

    /// See `ComparisonTable.value`.
    func value(_ column: Int?, _ row: Int) -> Double? {
        guard let column else { return nil }
        if let value = comparison.rows[row].atBest[column] { return value }
        guard let summary = comparison.rows[row].summaries[column], summary.count == 1 else { return nil }
        return summary.lastValue
    }

    /// See `ComparisonTable.gap`.
    func gap(_ row: Int) -> Double? {
        guard let val = valueAtBest(valLoss, row), let train = valueAtBest(trainEvalLoss, row) else { return nil }
        return val - train
    }

    /// Failed, or a training loss that exploded (`Diagnosis.exploded`: old
    /// and external runs that nobody stopped).
    func isFailedOrUnstable(_ row: Int) -> Bool {
        comparison.rows[row].status == .failed || exploded(row)
    }

    /// Stopped as diverged or unstable, or the training loss exploded
    /// (`Diagnosis.exploded`, read from its summary).
    func exploded(_ row: Int) -> Bool {
        if comparison.rows[row].stopReason == .diverged { return true }
        guard let train = summary(trainLoss, row) else { return false }
        return Diagnosis.exploded(last: train.lastValue, lowest: train.minValue, highest: train.maxValue)
    }

    /// As `Comparison.objectiveValue(of:)`.
    func objectiveValue(_ row: Int) -> Double? {
        summary(objective, row).map { $0.best(comparison.direction).value }
    }

    /// As `Comparison.epochs(of:)`.
    func epochs(_ row: Int) -> Int? {
        summary(trainLoss, row)?.lastStep ?? comparison.rows[row].summaries.lazy.compactMap { $0?.lastStep }.max()
    }

    /// See `ComparisonTable.fit`.
    func fit(_ row: Int) -> Diagnosis.Verdict? {
        // Eval mode on both sides where the run logged train_eval_loss.
        let trainColumn = summary(trainEvalLoss, row) != nil ? trainEvalLoss : trainLoss
        guard let val = summary(valLoss, row), let train = summary(trainColumn, row) else { return nil }
        let weights = summary(weightNorm, row)
        let atBestIsValBest = comparison.rows[row].bestStep == val.minStep
        let evidence = Diagnosis.Evidence(
            epochs: max(train.lastStep, val.lastStep), bestEpoch: val.minStep, bestValLoss: val.minValue,
            finalValLoss: val.lastValue,
            trainLossAtBest: atBestIsValBest ? valueAtBest(trainColumn, row) : nil,
            finalTrainLoss: train.lastValue, firstTrainLoss: train.maxValue,
            weightNormAtBest: atBestIsValBest ? valueAtBest(weightNorm, row) : nil,
            finalWeightNorm: weights?.lastValue)
        var judged = evidence
        judged.isUnstable = exploded(row)
        judged.keptEpoch = comparison.rows[row].keptStep
        return Diagnosis(judged).verdict
    }
}
