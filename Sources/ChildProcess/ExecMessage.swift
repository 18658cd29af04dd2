/// One line of the child's protocol, decoded and checked (DESIGN.md, "Runs
/// from outside the engine").
///
/// One object may combine fields: `step` applies to both `metrics` and
/// `checkpoint`, and `params`, `kept_step`, `tags` and `notes` stand on their
/// own beside anything. So `{"step": 3, "metrics": {...}, "checkpoint":
/// "best.pt", "kind": "best"}` logs epoch 3 and its best checkpoint at once.
/// Whether a step goes backwards is the recorder's call: it has `step` and
/// the line's `LineOrigin`.
public struct ExecMessage: Sendable, Equatable {
    /// The epoch or step of `metrics` and `checkpoint`; never negative.
    public var step: Int64?
    /// In the order the child wrote them; values may be NaN or infinite.
    public var metrics: [Metric] = []
    public var params: [Param] = []
    public var checkpoint: Checkpoint?
    /// Whose weights the final model holds.
    public var keptStep: Int64?
    public var tags: [String] = []
    public var notes: String?
    /// Fields we do not know, ignored; the rest of the line counts.
    /// One line each, e.g. `unknown field "lr" ignored (known: ...)`.
    public var warnings: [String] = []

    public init() {}

    public struct Metric: Sendable, Equatable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }

        public static func == (lhs: Metric, rhs: Metric) -> Bool {
            lhs.name == rhs.name && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
        }
    }

    public struct Param: Sendable, Equatable {
        public var key: String
        public var value: ParamValue

        public init(key: String, value: ParamValue) {
            self.key = key
            self.value = value
        }
    }

    /// A hyperparameter keeps the type the child gave it.
    public enum ParamValue: Sendable, Equatable {
        case integer(Int64)
        case real(Double)
        case text(String)
        case bool(Bool)
    }

    public struct Checkpoint: Sendable, Equatable {
        /// As the child wrote it; relative paths are relative to the child's
        /// working directory. The recorder reads the file at once.
        public var path: String
        public var step: Int64
        public var kind: CheckpointKind

        public init(path: String, step: Int64, kind: CheckpointKind) {
            self.path = path
            self.step = step
            self.kind = kind
        }
    }

    public enum CheckpointKind: String, Sendable, CaseIterable {
        case best, last, periodic, manual
    }
}
