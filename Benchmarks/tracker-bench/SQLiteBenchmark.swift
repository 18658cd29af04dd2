import CBaseline
import Foundation
import SQLite

/// Issue 2's bar: inserting metric rows through the wrapper costs at most
/// 1.3x the same inserts through raw C calls (ANCHORS.md: about 1.27M rows/s
/// for this WITHOUT ROWID table in C).
enum SQLiteBenchmark {
    static let rows: Int64 = 1_000_000
    static let repetitions = 3
    static let createSQL = """
        CREATE TABLE metrics (run_id INTEGER NOT NULL, key_id INTEGER NOT NULL, step INTEGER NOT NULL,
        value REAL NOT NULL, PRIMARY KEY (run_id, key_id, step)) STRICT, WITHOUT ROWID
        """
    static let insertSQL = "INSERT INTO metrics (run_id, key_id, step, value) VALUES (?, ?, ?, ?)"

    static func run() throws {
        let directory = try Measure.temporaryDirectory("sqlite")
        defer { try? FileManager.default.removeItem(at: directory) }
        var wrapperTimes: [Double] = []
        var rawTimes: [Double] = []
        for repetition in 0..<repetitions {
            // Alternate the order so that neither side always runs on a warm cache.
            let rawPath = directory.appendingPathComponent("raw-\(repetition).db").path
            let wrapperPath = directory.appendingPathComponent("wrapper-\(repetition).db").path
            if repetition.isMultiple(of: 2) {
                rawTimes.append(try raw(rawPath))
                wrapperTimes.append(try wrapper(wrapperPath))
            } else {
                wrapperTimes.append(try wrapper(wrapperPath))
                rawTimes.append(try raw(rawPath))
            }
        }
        let raw = Measure.median(rawTimes)
        let wrapped = Measure.median(wrapperTimes)
        Measure.table([
            ("rows per run", Measure.grouped(Double(rows))),
            ("raw C (baseline)", "\(Measure.grouped(Double(rows) / raw)) rows/s  (\(String(format: "%.3f", raw)) s)"),
            ("SQLite wrapper", "\(Measure.grouped(Double(rows) / wrapped)) rows/s  (\(String(format: "%.3f", wrapped)) s)"),
            ("wrapper / raw time", String(format: "%.2fx  (target <= 1.30x)", wrapped / raw)),
            ("ANCHORS.md, C", "1,270,000 rows/s for this table"),
        ])
    }

    static func raw(_ path: String) throws -> Double {
        let seconds = cbaseline_insert_metrics(path, createSQL, insertSQL, rows)
        guard seconds >= 0 else { throw SQLiteError(extendedCode: 1, message: "raw C baseline failed") }
        return seconds
    }

    static func wrapper(_ path: String) throws -> Double {
        let database = try Database(path: path)
        try database.execute(createSQL)
        let insert = try database.prepare(insertSQL)
        return try Measure.time {
            try database.transaction(.immediate) {
                for i in 0..<rows {
                    try insert.bind(1 + i / 40_000, at: 1)
                    try insert.bind(1 + i % 4, at: 2)
                    try insert.bind((i / 4) % 10_000, at: 3)
                    try insert.bind(1.0 / Double(i + 1), at: 4)
                    try insert.execute()
                }
            }
        }
    }
}
