/// Prepared statements kept by SQL text, so hot SQL is compiled once.
///
/// Bounded: when full, the least recently used statement is dropped (and
/// finalized once nobody else holds it). Sizes here are tens of entries, so a
/// linear scan for the oldest beats maintaining a linked list.
struct StatementCache {
    private var entries: [String: (statement: Statement, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    subscript(sql: String) -> Statement? {
        mutating get {
            guard let entry = entries[sql] else { return nil }
            clock += 1
            entries[sql] = (entry.statement, clock)
            return entry.statement
        }
        set {
            guard let newValue else {
                entries[sql] = nil
                return
            }
            if entries[sql] == nil, entries.count >= capacity,
               let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                entries[oldest] = nil
            }
            clock += 1
            entries[sql] = (newValue, clock)
        }
    }

    var count: Int { entries.count }

    mutating func removeAll() {
        entries.removeAll()
    }
}
