import Foundation

/// What training a network costs in memory, estimated from its shape before
/// anything is allocated, and what this machine allows. A size that does not
/// fit must be refused with its figure, not found out by an allocation that
/// aborts the process (`--hidden 100000,100000` asked for 40 GB).
struct MemoryBudget {
    /// Bytes allowed for one run: half of physical memory (or of the
    /// container's limit, when lower). Half, because the rest belongs to the
    /// system, the data set and whatever else runs here (sweeps run several).
    let limitBytes: Double
    let physicalBytes: Double

    static let machine: MemoryBudget = {
        let pages = Double(max(0, sysconf(Int32(_SC_PHYS_PAGES))))
        let pageSize = Double(max(0, sysconf(Int32(_SC_PAGESIZE))))
        var physical = pages * pageSize
        // cgroup v2 says "max" when unlimited; a number is the container's ceiling.
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let limit = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), limit > 0 {
            physical = physical > 0 ? min(physical, limit) : limit
        }
        // An unreadable size must not refuse everything.
        if physical <= 0 { physical = .infinity }
        return MemoryBudget(limitBytes: physical / 2, physicalBytes: physical)
    }()

    /// Bytes to train `architecture` on `trainRows` rows: each parameter
    /// lives as a value, a gradient, a penalty mask, the best epoch's copy and
    /// one more while a checkpoint is serialized, plus the optimizer's
    /// moments; activations of a batch (or of an evaluation chunk, whichever
    /// is larger) are kept three times (outputs, cached inputs, gradients);
    /// the trainer's own copy of the training inputs and targets.
    /// In Double, so a shape too large for Int still gets a figure.
    static func bytesNeeded(architecture: Architecture, configuration: TrainingConfiguration, trainRows: Int) -> Double {
        let floatSize = Double(MemoryLayout<Float>.size)
        var parameters = 0.0
        var widths = Double(architecture.inputs)
        for layer in architecture.layers {
            switch layer {
            case .dense(let inputs, let outputs):
                parameters += Double(inputs) * Double(outputs) + Double(outputs)
                widths += Double(outputs)
            case .batchNorm(let features, _, _), .layerNorm(let features, _):
                parameters += 2 * Double(features)
                widths += Double(features)
            case .rmsNorm(let features, _):
                parameters += Double(features)
                widths += Double(features)
            case .activation, .dropout:
                // Same width as the layer before; counted as one more activation.
                widths += 0
            }
        }
        let optimizerSlots: Double = switch configuration.optimizer {
        case .sgd: 0
        case .momentum, .nesterov: 1
        case .adam, .adamw: 2
        }
        let batchRows: Int = switch configuration.batchSize {
        case .full: trainRows
        case .rows(let rows): min(rows, max(1, trainRows))
        }
        let activationRows = Double(max(batchRows, Network.evaluationChunkRows))
        let activations = 3 * activationRows * (widths + Double(architecture.outputs))
        let data = Double(trainRows) * Double(architecture.inputs + architecture.outputs)
        return floatSize * ((5 + optimizerSlots) * parameters + activations + data)
    }

    /// "1.5 GB", "820 MB".
    static func describe(_ bytes: Double) -> String {
        if bytes.isInfinite { return "unlimited" }
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }
}

extension TrainingConfiguration {
    /// Refuses a network that cannot be counted in Int or would not fit in
    /// `budget`, naming its size. `features`, `task` and `trainRows` are the
    /// data's, or nil before the data is loaded: then one feature, one output
    /// and one row, lower bounds, so what fails then fails on any data.
    func validateSize(features: Int?, task: LearningTask?, trainRows: Int?, budget: MemoryBudget) throws(ConfigurationError) {
        let architecture = Architecture(configuration: self, features: features ?? 1, task: task ?? .regression)
        let shape = features == nil
            ? "hidden layers \(hiddenSizes.map(String.init).joined(separator: ","))"
            : "a " + ([architecture.inputs] + hiddenSizes + [architecture.outputs]).map(String.init).joined(separator: "-") + " network"
        guard architecture.checkedParameterCount != nil else {
            throw ConfigurationError(
                key: "hidden",
                problem: "\(shape) \(features == nil ? "have" : "has") more weights than this machine can count; use smaller layers")
        }
        let needed = MemoryBudget.bytesNeeded(architecture: architecture, configuration: self, trainRows: trainRows ?? 1)
        guard needed <= budget.limitBytes else {
            throw ConfigurationError(
                key: "hidden",
                problem: "training \(shape) needs \(features == nil ? "at least" : "about") \(MemoryBudget.describe(needed)) "
                    + "(weights, gradients, optimizer state and a batch's activations), more than the "
                    + "\(MemoryBudget.describe(budget.limitBytes)) allowed (half of this machine's "
                    + "\(MemoryBudget.describe(budget.physicalBytes))); use smaller layers or a smaller \(option: "batch_size")")
        }
    }
}
