/// Names of the server-side prepared statements of one connection, by SQL
/// text and parameter types, so hot SQL is parsed and planned once.
///
/// The parameter types are part of the key because the server fixes them at
/// PREPARE: the same SQL bound once with a NULL (type unknown) and once with
/// an Int64 needs two statements. Bounded: when full, the least recently used
/// name is handed back for DEALLOCATE. Sizes here are tens of entries, so a
/// linear scan for the oldest beats maintaining a linked list.
struct PreparedStatementCache {
    struct Key: Hashable {
        let sql: String
        let parameterTypes: [UInt32]
    }

    private var entries: [Key: (name: String, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    private var namesIssued = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The statement's name when it is prepared already.
    mutating func name(for key: Key) -> String? {
        guard let entry = entries[key] else { return nil }
        clock += 1
        entries[key] = (entry.name, clock)
        return entry.name
    }

    /// A fresh name, never used before on this connection, for a statement to prepare.
    mutating func newName() -> String {
        namesIssued += 1
        return "tracker_\(namesIssued)"
    }

    /// Records a prepared statement; returns the name it pushed out, which
    /// the caller deallocates on the server.
    mutating func insert(_ key: Key, name: String) -> String? {
        var evicted: String?
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            evicted = oldest.value.name
            entries[oldest.key] = nil
        }
        clock += 1
        entries[key] = (name, clock)
        return evicted
    }

    var count: Int { entries.count }

    mutating func removeAll() {
        entries.removeAll()
    }
}
