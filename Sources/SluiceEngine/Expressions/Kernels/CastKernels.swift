import SluiceCore

/// `CAST` and `TRY_CAST` on whole columns. Which casts exist is decided by
/// ``FunctionRegistry/canCast(from:to:)``; this performs them:
/// - numbers and booleans to each other: integers check their range, doubles round half away
///   from zero to integers, decimals round half up when the scale shrinks and check precision;
/// - text to any scalar (surrounding spaces ignored) and any type to text (as ``Value/displayText`` writes it);
/// - date ↔ timestamp (a timestamp's date is its UTC day), string ↔ binary (UTF-8 bytes);
/// - arrays, maps and structs element by element (structs by field position).
enum CastKernels {
    static func cast(_ column: Column, to target: DataType, isTry: Bool) throws(SluiceError) -> Column {
        if column.type == target { return column }
        var failures = CastFailures(source: column, target: target, isTry: isTry)
        let converted = try convert(column, to: target, failures: &failures)
        return failures.apply(to: converted).addingNulls(column.validity)
    }

    static func convert(_ column: Column, to target: DataType, failures: inout CastFailures) throws(SluiceError) -> Column {
        let source = column.type
        switch (source, target) {
        case (_, .string):
            return try toText(column)
        case (.string, _), (.binary, _):
            return try fromText(column, to: target, failures: &failures)
        case (.date, .timestamp):
            let days = try column.elements(Int32.self)
            let micros: [Int64] = days.map { Int64($0) * CivilTime.microsecondsPerDay }
            return Column.make(.timestamp, micros, validity: column.validity)
        case (.timestamp, .date):
            let micros = try column.elements(Int64.self)
            let days: [Int32] = micros.map { Int32(truncatingIfNeeded: floorDivide($0, CivilTime.microsecondsPerDay)) }
            return Column.make(.date, days, validity: column.validity)
        case (.list, .list(let element)):
            let (offsets, values) = try column.listBuffers()
            let castValues = try cast(values, to: element, isTry: failures.isTry)
            return Column(type: target, count: column.count, validity: column.validity, storage: .list(offsets: offsets, values: castValues))
        case (.map, .map(let key, let value)):
            let (offsets, entries) = try column.listBuffers()
            let castEntries = try cast(entries, to: ColumnBuilder.mapEntryType(key: key, value: value), isTry: failures.isTry)
            return Column(type: target, count: column.count, validity: column.validity, storage: .list(offsets: offsets, values: castEntries))
        case (.struct(let sourceFields), .struct(let targetFields)) where sourceFields.count == targetFields.count:
            let children = try column.structChildren()
            var castChildren: [Column] = []
            for (child, field) in zip(children, targetFields) {
                castChildren.append(try cast(child, to: field.type, isTry: failures.isTry))
            }
            return Column(type: target, count: column.count, validity: column.validity, storage: .structure(castChildren))
        default:
            if let numbers = try NumericSource(column), target.isNumeric || target == .boolean {
                return try numbers.convert(to: target, count: column.count, validity: column.validity, failures: &failures)
            }
            throw SluiceError(
                domain: .query, code: "cast.unsupported",
                message: "Cannot cast \(source) to \(target).",
                hint: "Cast through string, or use a function that converts these types.")
        }
    }

    /// Integer division rounding toward negative infinity.
    @inline(__always)
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
