import Foundation
import ChildProcess
import Synchronization
import TrackerKit

/// Runs one external command as a tracked run: creates the run, starts the
/// child with the environment of DESIGN.md ("Runs from outside the
/// engine"), records what it sends, and ends the run by how it ended:
/// exit 0 finished; non-zero failed, with the code and the last stderr lines
/// as the run's error; stopped by a signal to this process killed; stopped
/// by `terminate(asPruned: true)` pruned.
///
/// The parent is the only database writer: the child needs no SQLite, no
/// package and no credentials, only the descriptor in TRACKER_FD.
public final class ExecSession: Sendable {
    /// Lines of stderr kept as a failed run's error.
    public static let errorTailLines = 10

    public let tracker: Tracker
    public let request: ExecRequest
    private let control = Mutex(Control())

    private struct Control: Sendable {
        var supervisor: Supervisor?
        var terminateRequested = false
        var prune = false
    }

    public init(tracker: Tracker, request: ExecRequest) {
        self.tracker = tracker
        self.request = request
    }

    /// Stops the child (SIGTERM, then SIGKILL after the grace period), from
    /// any thread, also before it has started. The run ends `pruned` when
    /// `asPruned`, else `killed`.
    public func terminate(asPruned: Bool) {
        let supervisor = control.withLock { control in
            control.terminateRequested = true
            control.prune = control.prune || asPruned
            return control.supervisor
        }
        supervisor?.terminate()
    }

    /// The values `{KEY}` placeholders take: every param, plus `dataset`,
    /// `seed`, `run_name` and `run_id`.
    public static func placeholderValues(params: [String: ParamValue], dataset: String?, seed: Int64?, run: RunHandle?) -> [String: String] {
        var values = params.mapValues(\.description)
        if let dataset { values["dataset"] = dataset }
        if let seed { values["seed"] = String(seed) }
        if let run {
            values["run_name"] = run.name
            values["run_id"] = String(run.id)
        }
        return values
    }

    /// Runs the command to its end. Throws only when the run cannot be
    /// created or ended in the store; every way the child ends is a result.
    /// - Parameters:
    ///   - report: one line per problem with the child's input (stderr, for `tracker exec`).
    ///   - onStarted: the run exists (before the child starts), on the calling thread.
    ///   - onMetrics: each step's stored metrics, on the calling thread.
    public func run(
        report: @escaping (String) -> Void, onStarted: (RunID) -> Void = { _ in },
        onMetrics: @escaping (Int, [String: Double]) -> Void = { _, _ in }
    ) throws -> ExecResult {
        var options = request.run
        options.source = .exec
        let run = try tracker.startRun(options)
        onStarted(run.id)
        let directory = request.workingDirectory ?? FileManager.default.currentDirectoryPath
        var record = RunSourceRecord()
        if let git = GitState.capture(in: directory) {
            record.gitCommit = git.commit
            record.gitDirty = git.isDirty
            record.gitDiff = git.diff
            record.gitDiffTruncated = git.diffTruncated
        }
        try run.saveSourceRecord(record)

        let template = ArgumentTemplate(values: Self.placeholderValues(
            params: options.params, dataset: request.datasetReference, seed: options.seed, run: run))
        let arguments = request.command.map(template.apply)
        let unknown = template.unknownPlaceholders(in: request.command)
        if !unknown.isEmpty {
            report("{\(unknown.joined(separator: "}, {"))} in the command name\(unknown.count == 1 ? "s" : "") no param; passed on as typed")
        }
        let supervisor = Supervisor(
            command: ChildCommand(
                arguments.first ?? "", arguments: Array(arguments.dropFirst()),
                environment: environment(run: run, options: options), workingDirectory: request.workingDirectory),
            options: request.supervisor)
        let stopAtOnce = control.withLock { control in
            control.supervisor = supervisor
            return control.terminateRequested
        }
        if stopAtOnce { supervisor.terminate() }

        let recorder = ExecRecorder(run: run, workingDirectory: directory, report: report, onMetrics: onMetrics)
        let outcome: ChildOutcome
        do {
            outcome = try supervisor.run { recorder.handle($0) }
        } catch {
            try run.finish(status: .failed, error: error.description)
            let code: Int32 = switch error {
            case .commandNotFound: 127
            case .cannotExecute: 126
            default: 1
            }
            return ExecResult(runID: run.id, runName: run.name, status: .failed, exitCode: code, outcome: nil, record: record)
        }

        record.stdoutTail = outcome.stdoutTail.isEmpty ? nil : outcome.stdoutTail.joined(separator: "\n")
        record.stderrTail = outcome.stderrTail.isEmpty ? nil : outcome.stderrTail.joined(separator: "\n")
        if case .exited(let code) = outcome.termination { record.exitCode = Int(code) }
        record.malformedLines = recorder.malformedLines
        record.rejectedPoints = recorder.rejectedPoints
        record.missingCheckpoints = recorder.missingCheckpoints
        try run.saveSourceRecord(record)

        let (status, error) = ending(of: outcome)
        try run.finish(status: status, error: error)
        return ExecResult(runID: run.id, runName: run.name, status: status, exitCode: outcome.exitCode, outcome: outcome, record: record)
    }

    private func ending(of outcome: ChildOutcome) -> (RunStatus, String?) {
        if outcome.stopRequest != nil {
            return (control.withLock { $0.prune } ? .pruned : .killed, nil)
        }
        if outcome.succeeded { return (.finished, nil) }
        let how = switch outcome.termination {
        case .exited(let code): "exited with code \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
        let tail = outcome.stderrTail.suffix(Self.errorTailLines)
        return (.failed, tail.isEmpty ? how : how + "; last stderr lines:\n" + tail.joined(separator: "\n"))
    }

    private func environment(run: RunHandle, options: RunOptions) -> [String: String] {
        var environment = [
            "TRACKER_RUN_ID": String(run.id),
            "TRACKER_RUN_NAME": run.name,
            "TRACKER_PARAMS": Self.json(options.params),
        ]
        if let dataset = request.datasetReference { environment["TRACKER_DATASET"] = dataset }
        if let seed = options.seed { environment["TRACKER_SEED"] = String(seed) }
        return environment
    }

    /// The params as one JSON object, each value with its type.
    static func json(_ params: [String: ParamValue]) -> String {
        let object = params.mapValues { value -> Any in
            switch value {
            case .integer(let integer): integer
            case .real(let real): real.isFinite ? real : String(real)
            case .text(let text): text
            case .bool(let bool): bool
            }
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
