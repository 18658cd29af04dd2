import Foundation
import TrackerStore

/// Param values as table cells and JSON values, typed.
enum ParamCells {
    static func cell(_ value: ParamValue?) -> Cell {
        switch value {
        case nil: .null
        case .integer(let value)?: .integer(value)
        case .real(let value)?: .real(value)
        case .text(let value)?: .text(value)
        case .bool(let value)?: .bool(value)
        }
    }

    static func json(_ value: ParamValue) -> Any {
        switch value {
        case .integer(let value): value
        case .real(let value): value.isFinite ? value : NSNull()
        case .text(let value): value
        case .bool(let value): value
        }
    }
}
