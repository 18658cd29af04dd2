import Foundation
import RunImport

/// Reads what make_fixtures.py says it wrote, in the reader's types.
enum Expected {
    static func value(_ json: Any?) -> ImportedValue? {
        guard let object = json as? [String: Any], let type = object["type"] as? String else { return nil }
        switch type {
        case "int": return (object["value"] as? NSNumber).map { .int($0.int64Value) }
        case "real": return (object["value"] as? NSNumber).map { .real($0.doubleValue) }
        default: return (object["value"] as? String).map(ImportedValue.text)
        }
    }

    static func params(_ json: Any?) -> [String: ImportedValue] {
        (json as? [String: Any] ?? [:]).compactMapValues(value)
    }

    /// [key, step, value as a hex float or null for NaN, timestamp] rows
    /// (hex because Foundation's JSON parser on Linux may round decimal
    /// numbers off by an ulp); `timeUnit` turns
    /// the timestamp into seconds (MLflow logs milliseconds).
    static func metrics(_ json: Any?, timeUnit: Double) -> [ImportedMetricPoint] {
        (json as? [[Any]] ?? []).map { row in
            ImportedMetricPoint(
                key: row[0] as! String,
                step: (row[1] as! NSNumber).int64Value,
                value: (row[2] as? String).flatMap(Double.init) ?? .nan,
                timestamp: (row[3] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / timeUnit) })
        }
    }

    static func date(milliseconds json: Any?) -> Date? {
        (json as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue / 1000) }
    }
}
