/// Where each run sits in a list of rows, by run id.
///
/// Run ids are an INTEGER PRIMARY KEY, so those of a comparison are usually
/// dense: then a lookup is one array read instead of hashing an id, which a
/// comparison does for every param and summary row (80,000 times for 10,000
/// runs). Sparse ids (a small selection from a large database) fall back to
/// a dictionary.
struct RunRowIndex {
    private let lowest: RunID
    /// Row + 1 for each id from `lowest`; 0 where no row has that id.
    private let dense: [Int32]
    private let sparse: [RunID: Int]

    init(_ ids: [RunID]) {
        let lowest = ids.min() ?? 0
        let (span, overflow) = (ids.max() ?? 0).subtractingReportingOverflow(lowest)
        self.lowest = lowest
        if !ids.isEmpty, !overflow, span < 4 * Int64(ids.count) + 1024 {
            var dense = [Int32](repeating: 0, count: Int(span) + 1)
            for (row, id) in ids.enumerated() { dense[Int(id - lowest)] = Int32(row + 1) }
            self.dense = dense
            self.sparse = [:]
        } else {
            self.dense = []
            self.sparse = Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    subscript(id: RunID) -> Int? {
        guard !dense.isEmpty else { return sparse[id] }
        let offset = id &- lowest
        guard offset >= 0, offset < dense.count else { return nil }
        let row = Int(dense[Int(offset)])
        return row == 0 ? nil : row - 1
    }
}
