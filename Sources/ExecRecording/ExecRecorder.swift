import Foundation
import ChildProcess
import TrackerKit

/// Turns what a child sends into calls on its run, never letting bad input
/// stop the child: a malformed line, a NaN, a (metric, step) already
/// logged or a checkpoint file that is not there is reported (one line on
/// `report`), counted, and skipped; the rest of the line still counts.
///
/// The run handle batches metric writes; this recorder keeps what would
/// break a batch out of it (a repeated point would fail the whole
/// transaction, a NaN too), so nothing already logged is ever lost.
public final class ExecRecorder {
    public let run: RunHandle
    /// Relative checkpoint paths are the child's, i.e. relative to its working directory.
    public let workingDirectory: String
    private let report: (String) -> Void
    /// Called with every step's stored metrics, e.g. for a sweep's pruner.
    private let onMetrics: (Int, [String: Double]) -> Void

    private var logged = Set<MetricStepKey>()
    private var lastStep: Int?
    public private(set) var malformedLines = 0
    public private(set) var rejectedPoints = 0
    public private(set) var missingCheckpoints = 0
    /// Steps that came after a higher one (recorded, and reported).
    public private(set) var backwardSteps = 0
    /// The first failure of the store itself (disk full, database locked too long), if any.
    public private(set) var storeFailure: String?

    public init(
        run: RunHandle, workingDirectory: String, report: @escaping (String) -> Void,
        onMetrics: @escaping (Int, [String: Double]) -> Void = { _, _ in }
    ) {
        self.run = run
        self.workingDirectory = workingDirectory
        self.report = report
        self.onMetrics = onMetrics
    }

    public func handle(_ event: SupervisorEvent) {
        switch event {
        case .malformed(let line):
            malformedLines += 1
            report("\(line) (line ignored)")
        case .message(let message, let origin):
            for warning in message.warnings { report("\(origin): \(warning)") }
            record(message, origin: origin)
        }
    }

    private func record(_ message: ExecMessage, origin: LineOrigin) {
        if !message.params.isEmpty {
            storing(origin) {
                try run.setParams(Dictionary(message.params.map { ($0.key, Self.paramValue($0.value)) }) { _, last in last })
            }
        }
        if !message.metrics.isEmpty, let step = message.step.map(Int.init) {
            if let lastStep, step < lastStep {
                backwardSteps += 1
                report("\(origin): step \(step) comes after step \(lastStep); recorded, but steps should only grow")
            }
            lastStep = max(lastStep ?? step, step)
            var metrics: [String: Double] = [:]
            for metric in message.metrics {
                if metric.value.isNaN {
                    rejectedPoints += 1
                    report("\(origin): \(metric.name) is NaN at step \(step); not stored (the store keeps NaN out: a NaN is a divergence)")
                } else if metrics[metric.name] != nil || !logged.insert(MetricStepKey(key: metric.name, step: step)).inserted {
                    rejectedPoints += 1
                    report("\(origin): \(metric.name) at step \(step) was already logged; the first value is kept")
                } else {
                    metrics[metric.name] = metric.value
                }
            }
            if !metrics.isEmpty {
                storing(origin) { try run.log(step: step, metrics) }
                onMetrics(step, metrics)
            }
        }
        if let checkpoint = message.checkpoint { save(checkpoint, origin: origin) }
        if let kept = message.keptStep { storing(origin) { try run.markKept(step: Int(kept)) } }
        if !message.tags.isEmpty { storing(origin) { try run.addTags(message.tags) } }
        if let notes = message.notes { storing(origin) { try run.setNotes(notes) } }
    }

    /// Reads the file now: the child may overwrite it with the next epoch's weights.
    private func save(_ checkpoint: ExecMessage.Checkpoint, origin: LineOrigin) {
        let path = checkpoint.path.hasPrefix("/")
            ? checkpoint.path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(checkpoint.path).path
        guard let data = FileManager.default.contents(atPath: path) else {
            missingCheckpoints += 1
            report("\(origin): checkpoint '\(checkpoint.path)' (step \(checkpoint.step)) cannot be read (no such file, or not readable); write the file before sending its name")
            return
        }
        storing(origin) {
            try run.saveCheckpoint(bytes: [UInt8](data), step: Int(checkpoint.step), kind: Self.kind(checkpoint.kind))
        }
    }

    private func storing(_ origin: LineOrigin, _ body: () throws -> Void) {
        do {
            try body()
        } catch {
            if storeFailure == nil { storeFailure = "\(error)" }
            report("\(origin): not recorded: \(error)")
        }
    }

    static func paramValue(_ value: ExecMessage.ParamValue) -> ParamValue {
        switch value {
        case .integer(let integer): .integer(integer)
        case .real(let real): .real(real)
        case .text(let text): .text(text)
        case .bool(let bool): .bool(bool)
        }
    }

    static func kind(_ kind: ExecMessage.CheckpointKind) -> StoredCheckpointKind {
        switch kind {
        case .best: .best
        case .last: .last
        case .periodic: .periodic
        case .manual: .manual
        }
    }
}
