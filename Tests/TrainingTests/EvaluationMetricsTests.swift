import Testing
@testable import Training

/// train_eval_* (the evaluation-mode side of the gap) and the regression
/// metrics, checked against the model's own predictions and the formulas.
@Suite struct EvaluationMetricsTests {
    @Test func trainEvalLossIsTheTrainingSplitInEvaluationMode() throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [16, 16]
            $0.epochs = 6
            $0.batchSize = .rows(16)
            $0.learningRate = 0.01
            $0.dropout = [0.4]
            $0.normalization = .batchnorm
            $0.mixupAlpha = 0.3
            $0.inputNoise = 0.2
            $0.seed = 4
        }
        let data = TestData.blobs(seed: 4)
        let observer = RecordingObserver()
        let result = try Trainer(configuration: configuration).train(on: data, observer: observer)
        let model = try #require(result.model)
        let evaluation = model.evaluate(data.train)
        let last = try #require(observer.reports.last)
        // No early stopping: the final weights are the last epoch's.
        #expect(last.metrics["train_eval_loss"] == evaluation.loss)
        #expect(last.metrics["train_eval_acc"] == evaluation.accuracy)
        #expect(result.finalMetrics["train_eval_loss"] == evaluation.loss)
        #expect(result.finalMetrics["train_eval_acc"] == evaluation.accuracy)
        #expect(last.metrics["train_eval_loss"] != last.metrics["train_loss"], "dropout, noise and mixup make the training-mode loss differ")
    }

    /// Full batch, Dense and activations only: the training-mode pass is the
    /// evaluation-mode pass, so each epoch's train_eval_loss is the next
    /// epoch's train_loss (taken before its update) to the last bit; the
    /// trainer runs that pass once for both.
    @Test func fullBatchTrainEvalLossIsTheNextEpochsTrainLoss() throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [32, 32]
            $0.epochs = 25
            $0.batchSize = .full
            $0.learningRate = 0.01
            $0.seed = 9
        }
        let data = TestData.sine(seed: 9)
        let observer = RecordingObserver()
        let result = try Trainer(configuration: configuration).train(on: data, observer: observer)
        let evaluated = observer.values("train_eval_loss")
        let trained = observer.values("train_loss")
        #expect(Array(evaluated.dropLast()) == Array(trained.dropFirst()))
        #expect(evaluated.last == result.model?.evaluate(data.train).loss)
    }

    @Test func trainEvalFollowsTheKeptEpochWithEarlyStopping() throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [32]
            $0.epochs = 60
            $0.learningRate = 0.05
            $0.earlyStopping = EarlyStopping(patience: 5)
            $0.seed = 5
        }
        let observer = RecordingObserver()
        let result = try Trainer(configuration: configuration).train(on: TestData.sine(seed: 5, trainRows: 20), observer: observer)
        let best = try #require(result.bestEpoch)
        #expect(result.restoredBestWeights)
        #expect(result.finalMetrics["train_eval_loss"] == observer.reports[best - 1].metrics["train_eval_loss"])
    }

    @Test func largeTrainingSplitsUseOneFixedSeededSample() {
        var random = RandomSource(seed: 11)
        let rows = 1078
        let split = DataSplit(
            inputs: (0..<(rows * 2)).map { Float($0) }, targets: (0..<rows).map { _ in Float(random.integer(below: 3)) },
            rows: rows, features: 2)
        let sample = TrainingEvaluationSample.rows(of: split, seed: 7)
        #expect(sample == TrainingEvaluationSample.rows(of: split, seed: 7))
        #expect(sample != TrainingEvaluationSample.rows(of: split, seed: 8))
        #expect(sample.rows == 539, "half the rows")
        #expect(TrainingEvaluationSample.sampleRows(forTrainingRows: 60_000) == TrainingEvaluationSample.maximumRows)
        #expect(TrainingEvaluationSample.sampleRows(forTrainingRows: 300) == TrainingEvaluationSample.minimumRows)
        #expect(TrainingEvaluationSample.sampleRows(forTrainingRows: 200) == 200)
        // Each sampled row is a row of the split, whole and with its own target, each at most once, in file order.
        let chosen = (0..<sample.rows).map { Int(sample.inputs[$0 * 2]) / 2 }
        #expect(chosen == chosen.sorted() && Set(chosen).count == chosen.count)
        for (index, row) in chosen.enumerated() {
            #expect(sample.inputs[index * 2 + 1] == split.inputs[row * 2 + 1])
            #expect(sample.targets[index] == split.targets[row])
        }
        let small = DataSplit(inputs: [1, 2, 3], targets: [0, 1, 0], rows: 3, features: 1)
        #expect(TrainingEvaluationSample.rows(of: small, seed: 7) == small)
    }

    @Test func regressionReportsRMSEAndR2ByTheirFormulas() throws {
        let configuration = TestData.configuration {
            $0.hiddenSizes = [16]
            $0.epochs = 30
            $0.learningRate = 0.01
            $0.seed = 6
        }
        let data = TestData.sine(seed: 6)
        let observer = RecordingObserver()
        let result = try Trainer(configuration: configuration).train(on: data, observer: observer)
        let model = try #require(result.model)
        func formulas(_ split: DataSplit) -> (rmse: Double, r2: Double) {
            let predictions = model.predict(split.inputs, rows: split.rows).map(Double.init)
            let targets = split.targets.map(Double.init)
            let mean = targets.reduce(0, +) / Double(targets.count)
            let residual = zip(predictions, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            let total = targets.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
            return ((residual / Double(targets.count)).squareRoot(), 1 - residual / total)
        }
        let last = try #require(observer.reports.last)
        let validation = formulas(data.validation)
        let test = formulas(data.test)
        #expect(abs(try #require(last.metrics["val_rmse"]) - validation.rmse) < 1e-5)
        #expect(abs(try #require(last.metrics["val_r2"]) - validation.r2) < 1e-5)
        #expect(abs(try #require(result.finalMetrics["test_rmse"]) - test.rmse) < 1e-5)
        #expect(abs(try #require(result.finalMetrics["test_r2"]) - test.r2) < 1e-5)
        #expect(last.metrics["val_rmse"] == last.metrics["val_loss"].map { $0.squareRoot() })
        #expect(last.metrics["val_acc"] == nil && last.metrics["train_eval_acc"] == nil)
    }

    @Test func constantTargetsLeaveR2Undefined() {
        #expect(Network.coefficientOfDetermination(meanSquaredError: 0.5, targets: [2, 2, 2]) == nil)
        // Predicting the mean gives MSE = variance, so R^2 = 0.
        #expect(Network.coefficientOfDetermination(meanSquaredError: 1, targets: [-1, 1]) == 0)
    }
}
