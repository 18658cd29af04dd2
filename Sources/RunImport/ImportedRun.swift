import Foundation

/// Where an imported run came from.
public enum ImportSource: String, Sendable, Equatable, Hashable {
    case mlflow
    case tensorboard
}

/// A run's status as the source recorded it. Whether a `running` run is
/// still alive or crashed is the caller's call: only it knows the clock and
/// the processes.
public enum ImportedStatus: String, Sendable, Equatable, Hashable {
    case running
    case finished
    case failed
    case killed
}

/// A parameter value, typed the way the source let us type it.
public enum ImportedValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case int(Int64)
    case real(Double)
    case text(String)

    /// MLflow stores every param as text: an integer literal becomes `.int`,
    /// a decimal number `.real`, anything else (including "nan", "inf",
    /// hex like "0x10" and "true") stays `.text`, so that nothing is guessed.
    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let integer = Int64(trimmed) {
            self = .int(integer)
        } else if trimmed.allSatisfy({ "0123456789+-.eE".contains($0) }), let real = Double(trimmed), real.isFinite {
            self = .real(real)
        } else {
            self = .text(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let value): "\(value)"
        case .real(let value): "\(value)"
        case .text(let value): value
        }
    }
}

/// One value of one metric at one step.
public struct ImportedMetricPoint: Sendable, Equatable {
    public var key: String
    public var step: Int64
    /// May be NaN or infinite: the caller applies the store's NaN rule.
    public var value: Double
    public var timestamp: Date?

    public init(key: String, step: Int64, value: Double, timestamp: Date?) {
        self.key = key
        self.step = step
        self.value = value
        self.timestamp = timestamp
    }

    /// NaN-aware equality, so that a test can compare a NaN point with `==`.
    public static func == (lhs: ImportedMetricPoint, rhs: ImportedMetricPoint) -> Bool {
        lhs.key == rhs.key && lhs.step == rhs.step && lhs.timestamp == rhs.timestamp
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}

/// A run read from another tool, in neutral values the store can take in.
///
/// Metrics hold at most one point per (key, step): where the source has
/// several, the reader has already chosen one (each reader documents which).
public struct ImportedRun: Sendable, Equatable {
    public var source: ImportSource
    /// MLflow: the run's `run_uuid`. TensorBoard: the run directory relative
    /// to the import root ("." for the root itself). The caller keys runs by
    /// (source, externalID) to make imports idempotent.
    public var externalID: String
    /// MLflow: the experiment's name. TensorBoard: the parent directory
    /// relative to the root, nil at the top level.
    public var group: String?
    public var name: String?
    public var status: ImportedStatus
    public var startTime: Date?
    public var endTime: Date?
    public var params: [String: ImportedValue]
    /// User tags.
    public var tags: [String: String]
    /// The source's own bookkeeping tags (MLflow's `mlflow.*`), kept apart
    /// from the user's so that nobody mistakes one for the other.
    public var systemTags: [String: String]
    public var notes: String?
    public var gitCommit: String?
    /// Sorted by key, then step.
    public var metrics: [ImportedMetricPoint]
    /// Problems met while reading this run that did not stop the read, one
    /// line each, naming the file and the place.
    public var warnings: [String]

    public init(
        source: ImportSource, externalID: String, group: String? = nil, name: String? = nil,
        status: ImportedStatus, startTime: Date? = nil, endTime: Date? = nil,
        params: [String: ImportedValue] = [:], tags: [String: String] = [:], systemTags: [String: String] = [:],
        notes: String? = nil, gitCommit: String? = nil, metrics: [ImportedMetricPoint] = [], warnings: [String] = []
    ) {
        self.source = source
        self.externalID = externalID
        self.group = group
        self.name = name
        self.status = status
        self.startTime = startTime
        self.endTime = endTime
        self.params = params
        self.tags = tags
        self.systemTags = systemTags
        self.notes = notes
        self.gitCommit = gitCommit
        self.metrics = metrics
        self.warnings = warnings
    }
}
