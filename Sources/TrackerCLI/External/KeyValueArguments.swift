import TrackerStore

/// `KEY=VALUE` words: `--param lr=1e-3` and the metrics of `tracker run log`.
enum KeyValueArguments {
    /// Params typed as `tracker train` stores them: integer, real, bool, else text.
    static func params(_ words: [String], option: String) throws(UsageError) -> [String: ParamValue] {
        var params: [String: ParamValue] = [:]
        for word in words {
            let (key, value) = try split(word, argument: option)
            params[key] = ParamValue(parsing: value)
        }
        return params
    }

    /// Metric values, which must be numbers; NaN and infinities parse here
    /// and meet the store's rules (NaN is refused with its own message).
    static func metrics(_ words: [String]) throws(UsageError) -> [String: Double] {
        var metrics: [String: Double] = [:]
        for word in words {
            let (key, text) = try split(word, argument: "<metric>")
            guard let value = Double(text) else {
                throw .invalidValue(value: word, argument: "<metric>", expected: "NAME=NUMBER such as val_loss=0.52")
            }
            guard metrics.updateValue(value, forKey: key) == nil else {
                throw .invalid("Metric '\(key)' was given twice for one step; give each metric once.")
            }
        }
        return metrics
    }

    private static func split(_ word: String, argument: String) throws(UsageError) -> (String, String) {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
            throw .invalidValue(value: word, argument: argument, expected: "KEY=VALUE with a non-empty key")
        }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }
}
