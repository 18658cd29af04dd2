import Foundation
import SQLite
import TrackerStore
@testable import TrackerCLI

/// Runs `tracker train WORDS...` in-process through the command itself with
/// Ctrl-C never requested: the process-wide interrupt flag belongs to the
/// tests that exercise it, and must not stop these runs.
func trainInProcess(_ words: [String]) -> CLIResult {
    let (context, out, err) = capturingContext()
    var code = ExitCode.success.rawValue
    do {
        guard case .arguments(let arguments) = try ArgumentParser.parse(words, for: TrainCommand.spec) else {
            return CLIResult(exitCode: -1, stdout: "", stderr: "help was requested")
        }
        try TrainCommand.execute(arguments, context: context, stopRequested: { false })
    } catch is UsageError {
        code = ExitCode.usage.rawValue
    } catch is CommandInterrupted {
        code = ExitCode.interrupted.rawValue
    } catch {
        err.text += "Error: \(error)\n"
        code = ExitCode.failure.rawValue
    }
    return CLIResult(exitCode: code, stdout: out.text, stderr: err.text)
}

/// A scalar from a tracker database, read on a connection of its own.
func queryScalar<T: SQLiteColumnReadable>(_ path: String, _ sql: String, _ values: any SQLiteBindable..., as type: T.Type = T.self) throws -> T? {
    let database = try Database(path: path, mode: .readOnly)
    defer { database.close() }
    let statement = try database.prepare(sql)
    try statement.bind(values)
    guard try statement.step() else { return nil }
    return try statement.column(0, as: T?.self)
}

/// How many points of `metric` the run logged.
func pointCount(_ path: String, run: String, metric: String) throws -> Int {
    try queryScalar(path, "SELECT count(*) FROM metric_history WHERE run_name = ? AND metric_name = ?", run, metric) ?? -1
}
