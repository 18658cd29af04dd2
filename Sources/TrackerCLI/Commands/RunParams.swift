import EngineRecording
import Plots

/// The params a training run records: what the hyperparameter table
/// records for the run's setup (`wd` is REAL 0.001, `hidden` is TEXT
/// '64,64'), plus derived facts worth querying (`train_rows`, `parameters`).
/// The data keys are enough to rebuild the run's splits later (`tracker eval`,
/// through `DataRequest(recordedParams:)`).
enum RunParams {
    /// Params that describe the run and its data rather than an option:
    /// leave them out when turning params back into a command line.
    static let derivedKeys: Set<String> = ["train_rows", "val_rows", "test_rows", "features", "parameters"]

    static func params(for request: TrainRequest, data: PreparedData, model: Int) -> [String: ParamValue] {
        var params = request.setup.params
        params["train_rows"] = .integer(Int64(data.train.rows))
        params["val_rows"] = .integer(Int64(data.validation.rows))
        params["test_rows"] = .integer(Int64(data.test.rows))
        params["features"] = .integer(Int64(data.featureCount))
        params["parameters"] = .integer(Int64(model))
        return params
    }

    /// The `tracker train` arguments that repeat a run with these params:
    /// every recorded option (flags from the table, bare; derived facts left
    /// out), in key order.
    static func trainArguments(from params: [String: ParamValue]) -> [String] {
        var words: [String] = []
        for key in params.keys.sorted() where !derivedKeys.contains(key) {
            let option = Hyperparameters.displayFlag(key)
            let value = params[key]!
            if Hyperparameters.named(key)?.isFlag == true {
                if (value.number ?? 0) != 0 { words.append(option) }
                continue
            }
            switch value {
            case .real(let number): words += [option, NumberFormatting.exact(number)]
            default: words += [option, value.description]
            }
        }
        return words
    }
}
