extension RawDataset {
    /// A seeded random `fraction` of the rows (stratified for classification),
    /// kept in source order and under the same name, e.g. to register a 20%
    /// subset of digits and later the full set as two versions of one data
    /// set. A data set with designated splits keeps that fraction of each.
    /// The whole set (fraction 1) is returned unchanged, fingerprint included.
    public func subset(fraction: Double, seed: UInt64) throws -> RawDataset {
        guard fraction.isFinite, fraction > 0, fraction <= 1 else {
            throw DataError.invalidOption(keys: ["subset"], value: "\(fraction)", expected: "a fraction above 0 and at most 1 (e.g. 0.2)")
        }
        guard fraction < 1 else { return self }
        let description = "\(source); a \(Self.percent(fraction)) subset (seed \(seed))"

        guard let designatedSplits else {
            let kept = Self.take(fraction, of: Array(0..<rows), in: self, seed: seed)
            return selecting(rows: kept, designatedSplits: nil, source: description)
        }
        let parts = [designatedSplits.train, designatedSplits.validation, designatedSplits.test].enumerated().map { part, rows in
            Self.take(fraction, of: rows, in: self, seed: seed &+ UInt64(part))
        }
        // The kept rows are stored part after part, so the new designated
        // splits are consecutive ranges.
        let trainEnd = parts[0].count
        let validationEnd = trainEnd + parts[1].count
        let renumbered = DesignatedSplits(
            train: Array(0..<trainEnd),
            validation: Array(trainEnd..<validationEnd),
            test: Array(validationEnd..<(validationEnd + parts[2].count))
        )
        return selecting(rows: parts.flatMap { $0 }, designatedSplits: renumbered, source: description)
    }

    private static func take(_ fraction: Double, of rows: [Int], in data: RawDataset, seed: UInt64) -> [Int] {
        guard !rows.isEmpty else { return [] }
        let count = max(1, Int((fraction * Double(rows.count)).rounded()))
        return RowOrder.shuffled(rows, of: data, seed: seed, stratify: true, purpose: .subset).prefix(count).sorted()
    }

    private static func percent(_ fraction: Double) -> String {
        let percent = fraction * 100
        return percent == percent.rounded() ? "\(Int(percent))%" : "\(percent)%"
    }
}
