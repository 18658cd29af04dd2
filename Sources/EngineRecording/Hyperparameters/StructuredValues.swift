import Plots

/// The options whose text is more than a number, both ways: parsed into the
/// engine's types, and written back as the params store them.
extension Hyperparameters {
    static func initialization(_ text: String) throws(HyperparameterError) -> Initialization {
        switch text {
        case "he": return .he
        case "xavier": return .xavier
        default:
            if text.hasPrefix("normal:"), let scale = ValueText.finite(String(text.dropFirst("normal:".count))), scale > 0 {
                return .normal(scale: scale)
            }
            throw .invalidValue(key: "init", value: text, expected: "he, xavier or normal:SCALE with SCALE > 0 (e.g. normal:0.5)")
        }
    }

    static func batchSize(_ text: String) throws(HyperparameterError) -> BatchSize {
        if text == "full" { return .full }
        guard let rows = Int(text), rows >= 1 else {
            throw .invalidValue(key: "batch_size", value: text, expected: "an integer >= 1 or 'full'")
        }
        return .rows(rows)
    }

    static func schedule(_ text: String) throws(HyperparameterError) -> LearningRateSchedule {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch (parts.first, parts.count) {
        case ("constant", 1): return .constant
        case ("cosine", 1): return .cosine(minimum: 0)
        case ("cosine", 2):
            if let minimum = ValueText.finite(parts[1]), minimum >= 0 { return .cosine(minimum: minimum) }
        case ("step", 3):
            if let every = Int(parts[1]), every >= 1, let factor = ValueText.finite(parts[2]), factor > 0, factor <= 1 {
                return .step(every: every, factor: factor)
            }
        default: break
        }
        throw .invalidValue(
            key: "schedule", value: text,
            expected: "constant, cosine, cosine:MIN or step:EVERY:FACTOR (e.g. step:30:0.5, FACTOR in (0, 1])")
    }

    static func initializationText(_ initialization: Initialization) -> String {
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
