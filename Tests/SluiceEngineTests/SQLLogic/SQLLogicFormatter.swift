import Foundation
import SluiceCore

/// Prints result values the way `.slt` files write them: NULL as `NULL`, the empty string
/// as `(empty)`, doubles rounded to 12 significant digits then printed shortest (`2.5`,
/// `3.0`, `1e-05`, `NaN`, `Infinity`), decimals with exactly their scale, everything else
/// (dates, timestamps, nested values) as ``Value/displayText``.
enum SQLLogicFormatter {
    /// Significant digits doubles keep, so results that differ only in the last bits of a
    /// sum's rounding (parallel aggregation adds in any order) print the same.
    static let significantDigits = 12

    static func text(_ value: Value) -> String {
        switch value {
        case .string(let text): text.isEmpty ? "(empty)" : text
        case .double(let number): text(double: number)
        default: value.displayText
        }
    }

    /// One result row: its values joined by single spaces.
    static func row(_ values: [Value]) -> String {
        values.map(text).joined(separator: " ")
    }

    static func text(double number: Double) -> String {
        guard number.isFinite, number != 0 else { return Value.format(double: number) }
        let rounded = Double(String(format: "%.\(significantDigits - 1)e", number)) ?? number
        return Value.format(double: rounded)
    }

    /// The column class of a result type: the letter a `query` header gives it.
    static func columnClass(of type: DataType) -> SQLLogicColumnClass {
        switch type {
        case .boolean: .boolean
        case .int8, .int16, .int32, .int64: .integer
        case .float32, .float64, .decimal: .real
        case .string, .binary, .date, .timestamp, .struct, .list, .map: .text
        }
    }
}
