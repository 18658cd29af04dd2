import TrackerStore
import Training
import Plots

/// The params a training run records: every option, typed, under its name
/// without dashes (`wd` is REAL 0.001, `hidden` is TEXT '64,64'), plus
/// derived facts worth querying (`train_rows`, `parameters`). The data keys
/// are enough to rebuild the run's splits later (`tracker eval`).
enum RunParams {
    /// Params that describe the run and its data rather than an option:
    /// leave them out when turning params back into a command line.
    static let derivedKeys: Set<String> = ["train_rows", "val_rows", "test_rows", "features", "parameters"]
    /// Params recorded as booleans (read back as INTEGER 0/1) whose option
    /// is a bare flag: `--batchnorm`, not `--batchnorm 1`.
    static let flagKeys: Set<String> = ["batchnorm", "layernorm", "rmsnorm", "proximal_l1"]

    static func params(for request: TrainRequest, data: PreparedData, model: Int) -> [String: ParamValue] {
        let configuration = request.configuration
        var params: [String: ParamValue] = dataParams(request.data)
        if let name = request.datasetName { params["dataset_name"] = .text(name) }
        params["hidden"] = .text(configuration.hiddenSizes.map(String.init).joined(separator: ","))
        params["activation"] = .text(configuration.activation.rawValue)
        params["init"] = .text(initText(configuration.initialization))
        params["batchnorm"] = .bool(configuration.normalization == .batchnorm)
        params["layernorm"] = .bool(configuration.normalization == .layernorm)
        params["rmsnorm"] = .bool(configuration.normalization == .rmsnorm)

        params["epochs"] = .integer(Int64(configuration.epochs))
        switch configuration.batchSize {
        case .full: params["batch_size"] = .text("full")
        case .rows(let rows): params["batch_size"] = .integer(Int64(rows))
        }
        params["lr"] = .real(configuration.learningRate)
        params["schedule"] = .text(scheduleText(configuration.schedule))
        params["warmup"] = .integer(Int64(configuration.warmupEpochs))
        params["optimizer"] = .text(configuration.optimizer.rawValue)
        if configuration.optimizer == .momentum || configuration.optimizer == .nesterov {
            params["momentum"] = .real(configuration.momentum)
        }
        params["clip"] = .real(configuration.gradientClipNorm ?? 0)

        params["wd"] = .real(configuration.weightDecay)
        params["l1"] = .real(configuration.l1)
        params["proximal_l1"] = .bool(configuration.l1Proximal)
        params["l2"] = .real(configuration.l2)
        // One rate is a number to filter on (`dropout>=0.3`); per-layer rates are text.
        params["dropout"] = configuration.dropout.count > 1
            ? .text(configuration.dropout.map { NumberFormatting.exact($0) }.joined(separator: ","))
            : .real(configuration.dropout.first ?? 0)
        params["input_dropout"] = .real(configuration.inputDropout)
        params["early_stop"] = .integer(Int64(configuration.earlyStopping?.patience ?? 0))
        if let earlyStopping = configuration.earlyStopping {
            params["monitor"] = .text(earlyStopping.monitor.rawValue)
            params["min_delta"] = .real(earlyStopping.minDelta)
        }
        params["label_smoothing"] = .real(configuration.labelSmoothing)
        params["mixup"] = .real(configuration.mixupAlpha)
        params["noise"] = .real(configuration.inputNoise)
        params["shift"] = .integer(Int64(configuration.shiftPixels))
        params["cutout"] = .integer(Int64(configuration.cutoutSize))
        params["seed"] = .integer(Int64(configuration.seed))
        params["sparsity_threshold"] = .real(configuration.sparsityThreshold)

        params["train_rows"] = .integer(Int64(data.train.rows))
        params["val_rows"] = .integer(Int64(data.validation.rows))
        params["test_rows"] = .integer(Int64(data.test.rows))
        params["features"] = .integer(Int64(data.featureCount))
        params["parameters"] = .integer(Int64(model))
        return params
    }

    /// The `tracker train` arguments that repeat a run with these params:
    /// every recorded option (flags bare, derived facts left out), in key order.
    static func trainArguments(from params: [String: ParamValue]) -> [String] {
        var words: [String] = []
        for key in params.keys.sorted() where !derivedKeys.contains(key) {
            let option = "--" + key.replacingOccurrences(of: "_", with: "-")
            let value = params[key]!
            if flagKeys.contains(key) {
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

    /// The keys that decide which rows a run trained and was tested on.
    static func dataParams(_ request: DataRequest) -> [String: ParamValue] {
        var params: [String: ParamValue] = [
            "dataset": .text(request.dataset),
            "data_seed": .integer(Int64(request.dataSeed)),
            "split_seed": .integer(Int64(request.splitSeed)),
        ]
        if let target = request.target { params["target"] = .text(target) }
        // A subset is a view of the version: its fraction and data_seed say which rows.
        if let fraction = request.subsetFraction, fraction < 1 { params["subset"] = .real(fraction) }
        if let noise = request.noise { params["data_noise"] = .real(noise) }
        if let fraction = request.validationFraction { params["val_split"] = .real(fraction) }
        if let fraction = request.testFraction { params["test_split"] = .real(fraction) }
        if let path = request.validationDataPath { params["val_data"] = .text(path) }
        if let path = request.testDataPath { params["test_data"] = .text(path) }
        return params
    }

    /// The data request a run was trained with, from its recorded params.
    static func dataRequest(from params: [String: ParamValue], run: String) throws -> DataRequest {
        guard case .text(let dataset)? = params["dataset"] else {
            throw CommandFailure("run '\(run)' records no 'dataset' param, so its data cannot be rebuilt; give --dataset PATH.csv")
        }
        func text(_ key: String) -> String? {
            if case .text(let value)? = params[key] { return value }
            return nil
        }
        func seed(_ key: String) -> UInt64 { UInt64(max(0, params[key]?.number ?? 0)) }
        return DataRequest(
            dataset: dataset, target: text("target"), dataSeed: seed("data_seed"), splitSeed: seed("split_seed"),
            noise: params["data_noise"]?.number, validationFraction: params["val_split"]?.number,
            testFraction: params["test_split"]?.number, validationDataPath: text("val_data"), testDataPath: text("test_data"),
            subsetFraction: params["subset"]?.number)
    }

    static func initText(_ initialization: Initialization) -> String {
        switch initialization {
        case .he: "he"
        case .xavier: "xavier"
        case .normal(let scale): "normal:\(NumberFormatting.exact(scale))"
        }
    }

    static func scheduleText(_ schedule: LearningRateSchedule) -> String {
        switch schedule {
        case .constant: "constant"
        case .cosine(let minimum): minimum == 0 ? "cosine" : "cosine:\(NumberFormatting.exact(minimum))"
        case .step(let every, let factor): "step:\(every):\(NumberFormatting.exact(factor))"
        }
    }
}
