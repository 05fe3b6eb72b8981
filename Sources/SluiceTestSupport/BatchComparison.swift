public import SluiceCore

/// Compares batches by their values, row by row regardless of how rows are split into
/// batches, and describes the first difference in words a failing test can print.
///
/// Values compare exactly, with two differences from `Value`'s own `==`: NaN equals NaN, and
/// `-0.0` differs from `0.0` (a round trip should keep the sign).
public enum BatchComparison {
    /// `nil` when both hold the same rows; otherwise the first difference, e.g.
    /// `Row 3, column 'price' (2 of 4): expected double 9.99, got double 9.9.`
    /// Column names come from the first batch of `expected` (or `actual`).
    public static func firstDifference(expected: [RecordBatch], actual: [RecordBatch]) -> String? {
        let names = (expected.first ?? actual.first)?.schema.names ?? []
        return firstDifference(
            expected: expected.flatMap(\.rows), actual: actual.flatMap(\.rows), columnNames: names)
    }

    /// The same for rows of boxed values.
    public static func firstDifference(expected: [[Value]], actual: [[Value]], columnNames: [String] = []) -> String? {
        for (rowIndex, (expectedRow, actualRow)) in zip(expected, actual).enumerated() {
            guard expectedRow.count == actualRow.count else {
                return "Row \(rowIndex + 1): expected \(expectedRow.count) values, got \(actualRow.count)."
            }
            for (columnIndex, (expectedValue, actualValue)) in zip(expectedRow, actualRow).enumerated()
            where !valuesEqual(expectedValue, actualValue) {
                let name = columnIndex < columnNames.count ? "column '\(columnNames[columnIndex])'" : "column"
                return "Row \(rowIndex + 1), \(name) (\(columnIndex + 1) of \(expectedRow.count)): "
                    + "expected \(describe(expectedValue)), got \(describe(actualValue))."
            }
        }
        guard expected.count == actual.count else {
            let extra = expected.count > actual.count
                ? "first missing row: \(describe(row: expected[actual.count]))"
                : "first extra row: \(describe(row: actual[expected.count]))"
            return "Expected \(expected.count) rows, got \(actual.count); \(extra)."
        }
        return nil
    }

    /// Exact equality, except that NaN equals NaN and the sign of zero counts.
    public static func valuesEqual(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
            return a == b && a.sign == b.sign
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { valuesEqual($0, $1) }
        case (.structure(let a), .structure(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.name == $1.name && valuesEqual($0.value, $1.value) }
        case (.map(let a), .map(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { valuesEqual($0.key, $1.key) && valuesEqual($0.value, $1.value) }
        default:
            return left == right
        }
    }

    /// A value with its kind, strings quoted and escaped: `int 5`, `string "a\n"`,
    /// `decimal(scale 2) 1.50`, `list [int 1, null]`.
    public static func describe(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .boolean(let flag): "boolean \(flag)"
        case .int(let number): "int \(number)"
        case .double(let number): "double \(Value.format(double: number))"
        case .decimal(let unscaled, let scale): "decimal(scale \(scale)) \(Value.format(decimal: unscaled, scale: scale))"
        case .string(let text): "string \(text.debugDescription)"
        case .binary(let bytes): "binary \(bytes.count) bytes [\(bytes.prefix(32).map(String.init).joined(separator: " "))]"
        case .date(let days): "date \(CivilTime.formatDate(days: Int(days))) (\(days))"
        case .timestamp(let micros): "timestamp \(CivilTime.formatTimestamp(microseconds: micros)) (\(micros))"
        case .list(let values): "list [" + values.map(describe).joined(separator: ", ") + "]"
        case .structure(let fields):
            "struct {" + fields.map { "\($0.name.debugDescription): \(describe($0.value))" }.joined(separator: ", ") + "}"
        case .map(let entries):
            "map {" + entries.map { "\(describe($0.key)): \(describe($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    private static func describe(row: [Value]) -> String {
        "[" + row.map(describe).joined(separator: ", ") + "]"
    }
}
