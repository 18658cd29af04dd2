/// Turns one protocol line into an `ExecMessage` or a one-line reason.
///
/// Rules (the contract scripts rely on):
/// - the line is UTF-8 text holding one JSON object; blank lines are skipped
///   by the caller, not reported;
/// - `step` and `kept_step` are integers >= 0 (`3.0` is not an integer:
///   Python's `int(epoch)` fixes it);
/// - `metrics` is an object of names to numbers (NaN and Infinity allowed);
///   it needs a `step`;
/// - `params` is an object of keys to a number, string or bool;
/// - `checkpoint` is a non-empty path and needs a `step`; `kind` is one of
///   best|last|periodic|manual, `manual` when left out, and only allowed
///   beside `checkpoint`;
/// - `tags` is an array of non-empty strings, `notes` a string;
/// - an unknown field is a warning and the rest of the line counts; a line
///   with nothing to record, or with any invalid value, is rejected whole,
///   so a metric is never recorded from half a line.
public enum ExecMessageDecoder {
    public static let knownFields = ["step", "metrics", "params", "checkpoint", "kind", "kept_step", "tags", "notes"]

    public enum Decoded: Sendable, Equatable {
        case message(ExecMessage)
        /// Why the line was rejected, e.g. `step is not an integer (got 3.5)`.
        case malformed(String)
    }

    /// Decodes one line without its line terminator.
    public static func decode(_ line: some Collection<UInt8>) -> Decoded {
        let bytes = Array(line)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .malformed("not UTF-8 text (binary data?): write one JSON object per line")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .malformed("not JSON: \(error.description)")
        }
        guard case .object(let members) = value else {
            return .malformed("a JSON object is expected, got \(value.kindDescription) (\(value.excerpt))")
        }
        do {
            return .message(try message(from: members))
        } catch {
            return .malformed(error.reason)
        }
    }

    private struct Rejection: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    private static func message(from members: [(key: String, value: JSONValue)]) throws(Rejection) -> ExecMessage {
        var message = ExecMessage()
        var fields: [String: JSONValue] = [:]
        for (key, value) in members {
            if knownFields.contains(key) {
                fields[key] = value
            } else {
                message.warnings.append("unknown field \"\(key)\" ignored (known: \(knownFields.joined(separator: ", ")))")
            }
        }
        if let step = fields["step"] { message.step = try nonNegativeInteger(step, field: "step") }
        if let keptStep = fields["kept_step"] { message.keptStep = try nonNegativeInteger(keptStep, field: "kept_step") }
        if let metrics = fields["metrics"] {
            guard message.step != nil else { throw Rejection("metrics need a step: add \"step\": N") }
            message.metrics = try decodeMetrics(metrics)
        }
        if let params = fields["params"] { message.params = try decodeParams(params) }
        if let path = fields["checkpoint"] {
            message.checkpoint = try decodeCheckpoint(path, kind: fields["kind"], step: message.step)
        } else if fields["kind"] != nil {
            throw Rejection("\"kind\" without \"checkpoint\": kind says what the checkpoint is")
        }
        if let tags = fields["tags"] { message.tags = try decodeTags(tags) }
        if let notes = fields["notes"] {
            guard case .string(let text) = notes else { throw Rejection("notes must be a string, got \(notes.kindDescription) (\(notes.excerpt))") }
            message.notes = text
        }
        let recordsSomething = !message.metrics.isEmpty || !message.params.isEmpty || message.checkpoint != nil
            || message.keptStep != nil || !message.tags.isEmpty || message.notes != nil
        guard recordsSomething else {
            if fields.isEmpty, !members.isEmpty {
                throw Rejection("nothing to record: no known field (known: \(knownFields.joined(separator: ", ")))")
            }
            if fields["step"] != nil, fields.count == 1 { throw Rejection("a step alone records nothing: add \"metrics\" or \"checkpoint\"") }
            throw Rejection("nothing to record: the object is empty")
        }
        return message
    }

    private static func nonNegativeInteger(_ value: JSONValue, field: String) throws(Rejection) -> Int64 {
        switch value {
        case .integer(let integer) where integer >= 0:
            return integer
        case .integer(let integer):
            throw Rejection("\(field) is negative (\(integer)): steps count from 0")
        case .real(let real) where real.isFinite && real == real.rounded() && abs(real) >= 9.2e18:
            throw Rejection("\(field) is out of range (\(value.excerpt)): at most \(Int64.max)")
        default:
            throw Rejection("\(field) is not an integer (got \(value.excerpt)): send e.g. \"\(field)\": 3")
        }
    }

    private static func decodeMetrics(_ value: JSONValue) throws(Rejection) -> [ExecMessage.Metric] {
        guard case .object(let members) = value else {
            throw Rejection("metrics must be an object of name: number, got \(value.kindDescription) (\(value.excerpt))")
        }
        var metrics: [ExecMessage.Metric] = []
        metrics.reserveCapacity(members.count)
        for (name, metricValue) in members {
            guard !name.isBlank else { throw Rejection("a metric name is empty") }
            switch metricValue {
            case .integer(let integer): metrics.append(.init(name: name, value: Double(integer)))
            case .real(let real): metrics.append(.init(name: name, value: real))
            case .null: throw Rejection("metric \"\(name)\" is null: send a number (NaN for a missing value)")
            default: throw Rejection("metric \"\(name)\" is \(metricValue.kindDescription) (\(metricValue.excerpt)): send a number")
            }
        }
        return metrics
    }

    private static func decodeParams(_ value: JSONValue) throws(Rejection) -> [ExecMessage.Param] {
        guard case .object(let members) = value else {
            throw Rejection("params must be an object of key: value, got \(value.kindDescription) (\(value.excerpt))")
        }
        var params: [ExecMessage.Param] = []
        for (key, paramValue) in members {
            guard !key.isBlank else { throw Rejection("a param key is empty") }
            let typed: ExecMessage.ParamValue
            switch paramValue {
            case .integer(let integer): typed = .integer(integer)
            case .real(let real): typed = .real(real)
            case .string(let text): typed = .text(text)
            case .bool(let flag): typed = .bool(flag)
            default:
                throw Rejection("param \"\(key)\" is \(paramValue.kindDescription) (\(paramValue.excerpt)): send a number, string or bool")
            }
            params.append(.init(key: key, value: typed))
        }
        return params
    }

    private static func decodeCheckpoint(_ value: JSONValue, kind: JSONValue?, step: Int64?) throws(Rejection) -> ExecMessage.Checkpoint {
        guard case .string(let path) = value, !path.isEmpty else {
            throw Rejection("checkpoint must be a file path, got \(value.kindDescription) (\(value.excerpt))")
        }
        guard let step else { throw Rejection("checkpoint \"\(path)\" needs a step: add \"step\": N") }
        let allowed = ExecMessage.CheckpointKind.allCases.map(\.rawValue).joined(separator: "|")
        var checkpointKind = ExecMessage.CheckpointKind.manual
        if let kind {
            guard case .string(let name) = kind, let known = ExecMessage.CheckpointKind(rawValue: name) else {
                throw Rejection("checkpoint kind \(kind.excerpt) is unknown: use \(allowed)")
            }
            checkpointKind = known
        }
        return .init(path: path, step: step, kind: checkpointKind)
    }

    private static func decodeTags(_ value: JSONValue) throws(Rejection) -> [String] {
        guard case .array(let items) = value else {
            throw Rejection("tags must be an array of strings, got \(value.kindDescription) (\(value.excerpt))")
        }
        var tags: [String] = []
        for item in items {
            guard case .string(let tag) = item, !tag.isBlank else {
                throw Rejection("a tag must be a non-empty string, got \(item.excerpt)")
            }
            tags.append(tag)
        }
        return tags
    }
}

extension String {
    /// Empty or only whitespace: no name a person could read back.
    fileprivate var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
