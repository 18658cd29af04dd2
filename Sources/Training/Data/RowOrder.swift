/// A seeded order of rows in which every prefix is as class-balanced as it
/// can be. Taking the first n rows of it for test, the next m for validation
/// and the rest for training gives stratified splits of exactly the requested
/// sizes; cutting the rest into consecutive stretches gives stratified folds.
enum RowOrder {
    /// What the order is for. Each purpose draws from its own stream, so a
    /// subset taken with seed s is not also the test split drawn with seed s.
    enum Purpose: UInt64 {
        case split = 1
        case subset = 2
    }

    static func shuffled(_ candidates: [Int], of data: RawDataset, seed: UInt64, stratify: Bool, purpose: Purpose = .split) -> [Int] {
        var random = SeededGenerator(seed: seed, stream: 0x5EED_0000 + purpose.rawValue)
        guard stratify, case let .classification(classes) = data.task else {
            var order = candidates
            random.shuffle(&order)
            return order
        }
        var rowsByClass = Array(repeating: [Int](), count: classes)
        for row in candidates { rowsByClass[Int(data.targets[row])].append(row) }
        // The i-th row of class c (of n_c) sits at (i + offset_c) / n_c along
        // the order: each class is spread evenly, and a random offset per
        // class keeps any one class from always coming first.
        var keyed: [(key: Double, classIndex: Int, row: Int)] = []
        keyed.reserveCapacity(candidates.count)
        for (classIndex, rows) in rowsByClass.enumerated() {
            var rows = rows
            random.shuffle(&rows)
            let offset = random.nextUnitInterval()
            for (position, row) in rows.enumerated() {
                keyed.append(((Double(position) + offset) / Double(rows.count), classIndex, row))
            }
        }
        keyed.sort { ($0.key, $0.classIndex) < ($1.key, $1.classIndex) }
        return keyed.map(\.row)
    }
}
