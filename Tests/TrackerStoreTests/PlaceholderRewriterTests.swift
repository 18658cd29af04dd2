import Testing
@testable import TrackerStore

/// SQLite's `?` and `?N` become PostgreSQL's `$N`, numbered as SQLite numbers
/// them; markers inside literals, quoted names and comments stay as they are.
@Suite struct PlaceholderRewriterTests {
    @Test(arguments: [
        ("SELECT ? + ?", "SELECT $1 + $2", 2),
        ("UPDATE t SET a = ?3 WHERE id = ?1 AND b = ?2", "UPDATE t SET a = $3 WHERE id = $1 AND b = $2", 3),
        // A bare ? after ?N is one more than the largest number so far, as in SQLite.
        ("SELECT ?2, ?, ?1", "SELECT $2, $3, $1", 3),
        ("SELECT '?', \"a?b\", ? -- why?\n, /* ? */ ?", "SELECT '?', \"a?b\", $1 -- why?\n, /* ? */ $2", 2),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1),
        ("SELECT 1", "SELECT 1", 0),
    ])
    func rewrites(sql: String, expected: String, count: Int) {
        let rewritten = PlaceholderRewriter.rewrite(sql)
        #expect(rewritten.sql == expected)
        #expect(rewritten.parameterCount == count)
    }
}
