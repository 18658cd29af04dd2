/// The standard metric keys, as the engine logs them and the store's views
/// and queries read them: one list both sides import, so that a key can never
/// be spelled two ways. Any other name is a valid metric too; these are the
/// ones the product itself relies on (DESIGN.md lists them for users).
public enum MetricKey {
    public static let trainLoss = "train_loss"
    public static let valLoss = "val_loss"
    public static let trainAcc = "train_acc"
    public static let valAcc = "val_acc"
    public static let testLoss = "test_loss"
    public static let testAcc = "test_acc"
    public static let learningRate = "lr"
    public static let weightNorm = "weight_norm"
    public static let sparsity = "sparsity"
    /// The training rows (or a fixed sample of them, see the engine's
    /// `TrainingEvaluationSample`) in evaluation mode with the epoch's final
    /// weights: the training side of every gap, `val_loss - train_eval_loss`.
    public static let trainEvalLoss = "train_eval_loss"
    public static let trainEvalAcc = "train_eval_acc"
    /// Regression: sqrt(MSE) in target units, and R^2 = 1 - SS_res / SS_tot.
    public static let valRMSE = "val_rmse"
    public static let valR2 = "val_r2"
    public static let testRMSE = "test_rmse"
    public static let testR2 = "test_r2"
}
