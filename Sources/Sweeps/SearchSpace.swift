import Foundation
import EngineRecording

/// The swept options of a sweep and how each varies.
///
/// Stored in `sweeps.space` as one JSON object keyed by option name (the
/// `tracker train` option without dashes), keys sorted:
///
///     {"dropout": {"values": [0, 0.3, 0.5]},
///      "lr": {"range": [0.0001, 0.01], "scale": "linear", "integer": false},
///      "optimizer": {"values": ["adam", "adamw"]},
///      "wd": {"range": [1e-05, 0.1], "scale": "log", "integer": false}}
///
/// so that `SELECT json_extract(space, '$.wd.values') FROM sweeps` works.
/// The grid's cartesian product takes options in name order, the last
/// varying fastest, so a stored space always replays in the same order.
public struct SearchSpace: Sendable, Equatable {
    public var dimensions: [String: SweepDimension]

    public init(_ dimensions: [String: SweepDimension]) {
        self.dimensions = dimensions
    }

    /// Option names in the order the plan walks them.
    public var names: [String] { dimensions.keys.sorted() }

    public var hasRanges: Bool {
        dimensions.values.contains { $0.gridCount == nil }
    }

    /// The number of grid points; nil when a range makes it unbounded.
    public var gridSize: Int? {
        var size = 1
        for dimension in dimensions.values {
            guard let count = dimension.gridCount else { return nil }
            size *= count
        }
        return size
    }

    /// Every grid point, in product order (options by name, last fastest).
    public func gridSettings() -> [TrialSetting] {
        var settings = [TrialSetting([:])]
        for name in names {
            guard case .values(let values) = dimensions[name]! else { continue }
            settings = settings.flatMap { setting in
                values.map { value in
                    var next = setting
                    next.values[name] = value
                    return next
                }
            }
        }
        return settings
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(dimensions), as: UTF8.self)
    }

    public init(json: String) throws {
        do {
            dimensions = try JSONDecoder().decode([String: SweepDimension].self, from: Data(json.utf8))
        } catch {
            throw SweepDefinitionError("the sweep's search space is not in the tracker's JSON shape (\(error)); recreate the sweep")
        }
    }
}

/// One `tracker train` option as the sweep command received it: its name
/// (`batch-size`, kept as the key `batch_size`) and its text, nil for a flag
/// given alone.
public struct SweepOptionInput: Sendable, Equatable {
    public var key: String
    public var text: String?

    public init(_ option: String, _ text: String?) {
        let flag = String(option.drop { $0 == "-" })
        self.key = Hyperparameters.forFlag(flag)?.key ?? flag.replacingOccurrences(of: "-", with: "_")
        self.text = text
    }

    var option: String { Hyperparameters.displayFlag(key) }
}

extension SearchSpace {
    /// Options (as keys) whose single value is itself a comma list (`--hidden 64,64`):
    /// their alternatives are separated by `|` only.
    public static let listValuedOptions = Set(Hyperparameters.all.filter { $0.sweep == .barList }.map(\.key))

    /// Splits the options given to `tracker sweep` into the swept ones and
    /// the fixed ones passed through to every trial unchanged.
    ///
    /// - `a,b,c` (or `a|b|c`): a list; a grid axis, or choices for random search.
    /// - `LO:HI` uniform, `LO:HI:log` log-uniform, `LO:HI:int` / `LO:HI:log:int`
    ///   whole numbers (batch sizes, widths).
    /// - anything else, and flags, are fixed.
    public static func parse(
        _ inputs: [SweepOptionInput], listValued: Set<String> = listValuedOptions
    ) throws -> (space: SearchSpace, fixed: [String: SweepValue]) {
        var dimensions: [String: SweepDimension] = [:]
        var fixed: [String: SweepValue] = [:]
        for input in inputs {
            guard dimensions[input.key] == nil, fixed[input.key] == nil else {
                throw SweepDefinitionError("'\(input.option)' was given more than once; list its values once, e.g. \(input.option) 0,0.3,0.5")
            }
            guard let text = input.text else {
                fixed[input.key] = .flag
                continue
            }
            if let range = try parseRange(text, option: input.option) {
                dimensions[input.key] = range
                continue
            }
            let separator: Character? = text.contains("|") ? "|" : (listValued.contains(input.key) ? nil : ",")
            let parts = separator.map { text.split(separator: $0, omittingEmptySubsequences: false).map(String.init) } ?? [text]
            if parts.count == 1 {
                fixed[input.key] = SweepValue(parsing: text)
                continue
            }
            let values = parts.map { $0.trimmingCharacters(in: .whitespaces) }
            if values.contains(where: \.isEmpty) {
                throw SweepDefinitionError("'\(input.option) \(text)' has an empty value; write values separated by commas, e.g. 0,0.3,0.5")
            }
            var seen = Set<SweepValue>()
            let typed = values.map(SweepValue.init(parsing:)).filter { seen.insert($0).inserted }
            dimensions[input.key] = .values(typed)
        }
        return (SearchSpace(dimensions), fixed)
    }

    private static func parseRange(_ text: String, option: String) throws -> SweepDimension? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, let lower = Double(parts[0]), let upper = Double(parts[1]) else { return nil }
        let example = "e.g. \(option) 1e-5:1e-1:log"
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw SweepDefinitionError("range '\(text)' for '\(option)' needs finite bounds LOW < HIGH, \(example)")
        }
        var scale = SweepDimension.RangeScale.linear
        // Integers only when asked: `--lr 0:1` must not become the choice {0, 1}.
        var integer = false
        for modifier in parts.dropFirst(2) {
            switch modifier {
            case "log": scale = .log
            case "int": integer = true
            case "linear": scale = .linear
            default:
                throw SweepDefinitionError("unknown range modifier '\(modifier)' in '\(option) \(text)'; use ':log' and/or ':int', \(example)")
            }
        }
        if scale == .log, lower <= 0 {
            throw SweepDefinitionError("a log range needs a positive lower bound, not \(parts[0]) ('\(option) \(text)'); e.g. 1e-5:1e-1:log, or add 0 as a grid value")
        }
        if integer, lower != lower.rounded() || upper != upper.rounded() {
            throw SweepDefinitionError("an integer range needs whole bounds ('\(option) \(text)'); e.g. 16:256:log:int")
        }
        return .range(lower: lower, upper: upper, scale: scale, integer: integer)
    }
}

/// A sweep definition that cannot work, with what to type instead. The
/// command reports it as a usage error.
public struct SweepDefinitionError: Error, Equatable, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
