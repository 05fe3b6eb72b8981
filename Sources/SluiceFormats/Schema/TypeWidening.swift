public import SluiceCore

/// The one set of rules by which Sluice reconciles two types seen for the same field — in
/// JSON and CSV inference, in ``SchemaMerge`` across files, and later in the crawler.
///
/// 1. Equal types stay.
/// 2. Integers of different widths → the wider integer.
/// 3. Integer + float or double → `double` (`float` + `float` stays `float`).
/// 4. Integer + `decimal(p,s)` → `decimal` with room for 19 integer digits (a `bigint`),
///    when that fits in 38 digits; otherwise `double`.
/// 5. `decimal` + `decimal` → enough integer digits for both and the larger scale, when that
///    fits in 38 digits; otherwise `double`. `decimal` + float → `double`.
/// 6. `date` + `timestamp` → `timestamp`.
/// 7. `struct` + `struct` → the union of their fields by name, in first-seen order; common
///    fields widen by these rules; a field missing on one side becomes nullable.
/// 8. `array<a>` + `array<b>` → `array<widen(a, b)>`; maps widen keys and values alike.
/// 9. Anything else (boolean + number, text + number, a struct or array + a scalar…) →
///    `string`, which can hold every value's text (nested values as their JSON text).
///
/// Null-only fields are not a type: inference keeps them apart and resolves them to the type
/// seen elsewhere, or `string` when no file has a value (see ``SchemaMerge``).
public enum TypeWidening {
    public static func widen(_ left: DataType, _ right: DataType) -> DataType {
        if left == right { return left }
        switch (left, right) {
        case _ where left.isInteger && right.isInteger:
            return integerRank(left) >= integerRank(right) ? left : right
        case (.float32, _) where right.isInteger, (_, .float32) where left.isInteger:
            return .float64
        case _ where left.isNumeric && right.isNumeric && (left.isFloatingPoint || right.isFloatingPoint):
            return .float64
        case (.decimal(let precision, let scale), _) where right.isInteger,
            (_, .decimal(let precision, let scale)) where left.isInteger:
            return decimal(integerDigits: max(precision - scale, 19), scale: scale)
        case (.decimal(let leftPrecision, let leftScale), .decimal(let rightPrecision, let rightScale)):
            let scale = max(leftScale, rightScale)
            return decimal(integerDigits: max(leftPrecision - leftScale, rightPrecision - rightScale), scale: scale)
        case (.date, .timestamp), (.timestamp, .date):
            return .timestamp
        case (.struct(let leftFields), .struct(let rightFields)):
            return .struct(mergeFields(leftFields, rightFields))
        case (.list(let leftElement), .list(let rightElement)):
            return .list(widen(leftElement, rightElement))
        case (.map(let leftKey, let leftValue), .map(let rightKey, let rightValue)):
            return .map(key: widen(leftKey, rightKey), value: widen(leftValue, rightValue))
        default:
            return .string
        }
    }

    /// Field lists merged by name (rule 7).
    public static func mergeFields(_ left: [Field], _ right: [Field]) -> [Field] {
        var merged = left
        var indexByName: [String: Int] = [:]
        for (index, field) in left.enumerated() { indexByName[field.name] = index }
        var seenOnRight = Set<String>()
        for field in right {
            seenOnRight.insert(field.name)
            if let index = indexByName[field.name] {
                merged[index].type = widen(merged[index].type, field.type)
                merged[index].isNullable = merged[index].isNullable || field.isNullable
            } else {
                indexByName[field.name] = merged.count
                merged.append(Field(field.name, field.type, isNullable: true))
            }
        }
        for index in 0..<left.count where !seenOnRight.contains(left[index].name) {
            merged[index].isNullable = true
        }
        return merged
    }

    private static func decimal(integerDigits: Int, scale: Int) -> DataType {
        let precision = integerDigits + scale
        guard precision <= DataType.maximumDecimalPrecision else { return .float64 }
        return .decimal(precision: precision, scale: scale)
    }

    private static func integerRank(_ type: DataType) -> Int {
        switch type {
        case .int8: 1
        case .int16: 2
        case .int32: 3
        default: 4
        }
    }
}
