/// Finds the valid name a mistyped one most likely meant.
enum Suggestion {
    /// The candidate closest to `typed`, or `nil` when none is close enough to
    /// be a plausible typo (a wild guess is worse than no guess).
    static func closest(to typed: String, in candidates: [String]) -> String? {
        let typed = typed.lowercased()
        guard !typed.isEmpty else { return nil }
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(typed) }
        if prefixed.count == 1 { return prefixed[0] }
        let threshold = max(1, min(3, typed.count / 3))
        let scored = candidates
            .map { (candidate: $0, distance: editDistance(typed, $0.lowercased())) }
            .filter { $0.distance <= threshold }
        return scored.min { $0.distance < $1.distance }?.candidate
    }

    /// Optimal-string-alignment distance: insertions, deletions, substitutions
    /// and transpositions of neighbours each cost 1 ("trian" is 1 from "train").
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
