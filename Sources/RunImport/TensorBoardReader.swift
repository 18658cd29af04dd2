import Foundation

/// Reads TensorBoard event files under a directory as runs.
///
/// One run per directory that holds `events.out.tfevents.*` files; several
/// files in one directory are one run, read in file-name order (the names
/// start with the creation time). `externalID` is the directory relative
/// to the root ("." for the root itself), `group` its parent directory
/// (nil at the top level), `name` its last component.
///
/// PyTorch's `add_hparams` writes the hparams, and the metric values given
/// with them, into a new time-stamped subdirectory of the run's directory.
/// A directory whose events carry hparams and whose parent directory is a
/// run itself is therefore folded into that parent run: its hparams become
/// the parent's params and its scalars the parent's metrics. Without event
/// files in the parent it stays a run of its own.
///
/// Scalars are `simple_value`s (PyTorch's SummaryWriter) and single-value
/// tensors of the "scalars" plugin (TF2's tf.summary.scalar). At one step
/// of one tag the value read last wins. TensorBoard records no status:
/// every run is `.finished`, started and ended at its first and last
/// event's wall time.
///
/// A corrupt record is a warning on its run, naming the file and byte
/// offset; reading goes on wherever the framing allows.
public struct TensorBoardReader: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// - Throws: `ImportError` when the root is not a directory or holds no event files.
    public func readRuns() throws -> [ImportedRun] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImportError(path: root, problem: "not a directory; expected a TensorBoard log directory")
        }
        let filesByDirectory = try eventFilesByDirectory()
        guard !filesByDirectory.isEmpty else {
            throw ImportError(path: root, problem: "no TensorBoard event files (events.out.tfevents.*) in this directory or below it")
        }
        var logs: [String: RunLog] = [:]
        for (directory, files) in filesByDirectory {
            logs[directory] = readLog(files: files)
        }
        // Deepest first, so that nested hparams directories fold up in turn.
        for directory in logs.keys.sorted(by: { $0.split(separator: "/").count > $1.split(separator: "/").count || ($0.split(separator: "/").count == $1.split(separator: "/").count && $0 > $1) }) {
            guard let log = logs[directory], !log.hparams.isEmpty,
                  let parent = Self.parent(of: directory), logs[parent] != nil else { continue }
            logs[parent]!.absorb(log)
            logs[directory] = nil
        }
        return logs.keys.sorted().map { directory in logs[directory]!.run(directory: directory) }
    }

    /// Directories relative to the root ("." for the root), each with its
    /// event files relative to the root, sorted by name.
    private func eventFilesByDirectory() throws -> [String: [String]] {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw ImportError(path: root, problem: "cannot list this directory; check its permissions")
        }
        var files: [String: [String]] = [:]
        while let relative = walker.nextObject() as? String {
            let url = URL(fileURLWithPath: relative)
            guard url.lastPathComponent.hasPrefix("events.out.tfevents.") else { continue }
            files[Self.parent(of: relative) ?? ".", default: []].append(relative)
        }
        return files.mapValues { $0.sorted() }
    }

    private func readLog(files: [String]) -> RunLog {
        var log = RunLog()
        for file in files {
            guard let data = FileManager.default.contents(atPath: (root as NSString).appendingPathComponent(file)) else {
                log.warnings.append("cannot read \(file) under \(root); skipped")
                continue
            }
            let framing = TFRecordReader(bytes: [UInt8](data))
            var decoder = TensorBoardEventDecoder()
            for record in framing.records {
                do {
                    log.add(try decoder.decode(record.data))
                } catch {
                    log.warnings.append("corrupt record in \(file) at offset \(record.offset): \(error); record skipped")
                }
            }
            for damage in framing.damage {
                log.warnings.append("corrupt record in \(file) at offset \(damage.offset): \(damage.problem); \(damage.consequence)")
            }
        }
        return log
    }

    static func parent(of relativePath: String) -> String? {
        let components = relativePath.split(separator: "/")
        guard components.count > 1 else { return nil }
        return components.dropLast().joined(separator: "/")
    }
}

/// What the event files of one directory (and the directories folded into
/// it) hold, before it becomes an `ImportedRun`.
private struct RunLog {
    struct PointKey: Hashable {
        let tag: String
        let step: Int64
    }

    var points: [PointKey: ImportedMetricPoint] = [:]
    var hparams: [String: ImportedValue] = [:]
    var firstWallTime: Double?
    var lastWallTime: Double?
    var warnings: [String] = []

    mutating func add(_ event: TensorBoardEvent) {
        if let wallTime = event.wallTime, wallTime > 0 {
            firstWallTime = min(firstWallTime ?? wallTime, wallTime)
            lastWallTime = max(lastWallTime ?? wallTime, wallTime)
        }
        let timestamp = event.wallTime.map { Date(timeIntervalSince1970: $0) }
        for (tag, value) in event.scalars {
            points[PointKey(tag: tag, step: event.step)] = ImportedMetricPoint(key: tag, step: event.step, value: value, timestamp: timestamp)
        }
        hparams.merge(event.hparams) { _, new in new }
    }

    /// Folds an hparams subdirectory's log into this one; its values come later.
    mutating func absorb(_ other: RunLog) {
        points.merge(other.points) { _, new in new }
        hparams.merge(other.hparams) { _, new in new }
        firstWallTime = [firstWallTime, other.firstWallTime].compactMap { $0 }.min()
        lastWallTime = [lastWallTime, other.lastWallTime].compactMap { $0 }.max()
        warnings += other.warnings
    }

    func run(directory: String) -> ImportedRun {
        ImportedRun(
            source: .tensorboard, externalID: directory,
            group: TensorBoardReader.parent(of: directory),
            name: directory == "." ? nil : String(directory.split(separator: "/").last!),
            status: .finished,
            startTime: firstWallTime.map { Date(timeIntervalSince1970: $0) },
            endTime: lastWallTime.map { Date(timeIntervalSince1970: $0) },
            params: hparams,
            metrics: points.values.sorted { ($0.key, $0.step) < ($1.key, $1.step) },
            warnings: warnings)
    }
}
