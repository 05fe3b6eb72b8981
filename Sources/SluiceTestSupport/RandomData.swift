public import SluiceCore

/// Random types, schemas and record batches for round-trip property tests, drawn from a
/// caller's generator (use ``SeededRandom`` so failures replay):
///
///     var random = SeededRandom(seed: 42)
///     let schema = RandomData.schema(using: &random, fieldCount: 6, allowNested: true)
///     let batch = RandomData.batch(schema: schema, rows: 50, nullRate: 0.1, using: &random)
///
/// The data leans on edge cases: integer and float extremes, `-0.0`, decimals at their
/// full precision, dates and timestamps at years 1 and 9999, empty and very long strings,
/// quotes, backslashes, control characters (including NUL), combining marks and emoji.
/// Field names are unique (also ignoring case) and include spaces, quotes, dots and
/// non-Latin text, but never a backquote (which Hive type text cannot hold).
///
/// Limits: nesting depth 3 by default, at most 4 struct fields, 4 list elements and
/// 3 map entries per value — enough to reach every code path while keeping batches small.
/// Map keys are `string` or `bigint` and unique within a map.
public enum RandomData {
    /// Every scalar type generated, including decimals at the edges of precision and scale.
    /// Filter it to leave out what a format cannot hold (e.g. `binary` in CSV).
    public static let scalarTypes: [DataType] = [
        .boolean, .int8, .int16, .int32, .int64, .float32, .float64,
        .decimal(precision: 38, scale: 0), .decimal(precision: 38, scale: 10), .decimal(precision: 38, scale: 38),
        .decimal(precision: 10, scale: 2), .decimal(precision: 1, scale: 0), .decimal(precision: 5, scale: 5),
        .string, .binary, .date, .timestamp,
    ]

    /// The types map keys are drawn from.
    public static let mapKeyTypes: [DataType] = [.string, .int64]

    /// Names that trip up quoting, case folding and path syntax. No backquotes.
    public static let awkwardNames: [String] = [
        "id", "user name", " padded ", "naïve", "日本語の列", "한국어", "emoji 🎉", "quote\"d", "it's",
        "back\\slash", "comma,name", "semi;colon", "with.dot", "tab\there", "UPPER", "123", "null",
        "select", "a-b", "ünïcödé", "Ελληνικά", "עברית", "e\u{301}",
    ]

    /// First and last valid dates (`0001-01-01`, `9999-12-31`) as days since 1970-01-01.
    public static let dayRange: ClosedRange<Int32> =
        Int32(CivilTime.days(year: 1, month: 1, day: 1))...Int32(CivilTime.days(year: 9999, month: 12, day: 31))

    /// First and last microsecond of years 1…9999.
    public static let timestampRange: ClosedRange<Int64> = {
        let first = Int64(dayRange.lowerBound) * CivilTime.microsecondsPerDay
        let last = (Int64(dayRange.upperBound) + 1) * CivilTime.microsecondsPerDay - 1
        return first...last
    }()

    // MARK: Types and schemas

    /// A random type: a scalar from `scalarTypes`, or — while `maximumDepth` > 0 — sometimes a
    /// struct, array or map of random types one level shallower.
    public static func dataType(
        using random: inout some RandomNumberGenerator,
        maximumDepth: Int = 3,
        scalarTypes: [DataType] = RandomData.scalarTypes
    ) -> DataType {
        precondition(!scalarTypes.isEmpty, "RandomData needs at least one scalar type")
        guard maximumDepth > 0, Int.random(in: 0..<10, using: &random) < 3 else {
            return scalarTypes.randomElement(using: &random)!
        }
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            let count = Int.random(in: 1...4, using: &random)
            var used = Set<String>()
            let fields = (0..<count).map { _ in
                Field(
                    fieldName(using: &random, avoiding: &used),
                    dataType(using: &random, maximumDepth: maximumDepth - 1, scalarTypes: scalarTypes),
                    isNullable: Int.random(in: 0..<5, using: &random) > 0)
            }
            return .struct(fields)
        case 1:
            return .list(dataType(using: &random, maximumDepth: maximumDepth - 1, scalarTypes: scalarTypes))
        default:
            return .map(
                key: mapKeyTypes.randomElement(using: &random)!,
                value: dataType(using: &random, maximumDepth: maximumDepth - 1, scalarTypes: scalarTypes))
        }
    }

    /// A schema of `fieldCount` fields with unique, often awkward names; about one field in
    /// five is `not null`. Nested types only when `allowNested`.
    public static func schema(
        using random: inout some RandomNumberGenerator,
        fieldCount: Int,
        allowNested: Bool = true,
        scalarTypes: [DataType] = RandomData.scalarTypes
    ) -> Schema {
        var used = Set<String>()
        var fields: [Field] = []
        for _ in 0..<fieldCount {
            let name = fieldName(using: &random, avoiding: &used)
            let type = dataType(using: &random, maximumDepth: allowNested ? 3 : 0, scalarTypes: scalarTypes)
            fields.append(Field(name, type, isNullable: Int.random(in: 0..<5, using: &random) > 0))
        }
        return Schema(fields)
    }

    /// A name not in `used` (compared ignoring case), which it is added to.
    public static func fieldName(using random: inout some RandomNumberGenerator, avoiding used: inout Set<String>) -> String {
        while true {
            let candidate: String
            switch Int.random(in: 0..<3, using: &random) {
            case 0: candidate = awkwardNames.randomElement(using: &random)!
            case 1: candidate = "field_\(Int.random(in: 0..<1000, using: &random))"
            default:
                let pieces = ["a", "B", "z", "_", " ", "é", "日", "🎉", "'", "\"", ".", "1"]
                let length = Int.random(in: 1...8, using: &random)
                candidate = (0..<length).map { _ in pieces.randomElement(using: &random)! }.joined()
            }
            if used.insert(candidate.lowercased()).inserted { return candidate }
        }
    }

    // MARK: Batches and values

    /// A batch of `rows` rows of `schema`. Nullable fields (and list elements, map values and
    /// nullable struct fields) are null with probability `nullRate`; `not null` fields and map
    /// keys never are. NaN and ±infinity appear only when `allowNonFinite`.
    public static func batch(
        schema: Schema,
        rows: Int,
        nullRate: Double = 0.1,
        allowNonFinite: Bool = false,
        using random: inout some RandomNumberGenerator
    ) -> RecordBatch {
        let builder = RecordBatchBuilder(schema: schema, capacity: rows)
        for _ in 0..<rows {
            let row = schema.fields.map { field in
                value(of: field.type, nullable: field.isNullable, nullRate: nullRate, allowNonFinite: allowNonFinite, using: &random)
            }
            do {
                try builder.append(row: row)
            } catch {
                preconditionFailure("RandomData made a value that does not fit its own schema: \(error)")
            }
        }
        return builder.finish()
    }

    /// One random value of `type` (null with probability `nullRate` when `nullable`).
    public static func value(
        of type: DataType,
        nullable: Bool = true,
        nullRate: Double = 0.1,
        allowNonFinite: Bool = false,
        using random: inout some RandomNumberGenerator
    ) -> Value {
        if nullable, nullRate > 0, Double.random(in: 0..<1, using: &random) < nullRate { return .null }
        let extreme = Int.random(in: 0..<4, using: &random) == 0
        switch type {
        case .boolean:
            return .boolean(Bool.random(using: &random))
        case .int8:
            return .int(Int64(integer(Int8.self, extreme: extreme, using: &random)))
        case .int16:
            return .int(Int64(integer(Int16.self, extreme: extreme, using: &random)))
        case .int32:
            return .int(Int64(integer(Int32.self, extreme: extreme, using: &random)))
        case .int64:
            return .int(integer(Int64.self, extreme: extreme, using: &random))
        case .float32:
            return .double(Double(floatingPoint(Float.self, extreme: extreme, allowNonFinite: allowNonFinite, using: &random)))
        case .float64:
            return .double(floatingPoint(Double.self, extreme: extreme, allowNonFinite: allowNonFinite, using: &random))
        case .decimal(let precision, let scale):
            return .decimal(decimal(precision: precision, extreme: extreme, using: &random), scale: scale)
        case .string:
            return .string(string(using: &random))
        case .binary:
            let length = extreme ? Int.random(in: 0...1024, using: &random) : Int.random(in: 0...16, using: &random)
            return .binary((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
        case .date:
            let special: [Int32] = [dayRange.lowerBound, dayRange.upperBound, 0, -1, 1, 11_016 /* 2000-02-29 */]
            return .date(extreme ? special.randomElement(using: &random)! : Int32.random(in: dayRange, using: &random))
        case .timestamp:
            return .timestamp(timestamp(extreme: extreme, using: &random))
        case .list(let element):
            let count = Int.random(in: 0...4, using: &random)
            return .list((0..<count).map { _ in
                value(of: element, nullable: true, nullRate: nullRate, allowNonFinite: allowNonFinite, using: &random)
            })
        case .map(let keyType, let valueType):
            let count = Int.random(in: 0...3, using: &random)
            var seen = Set<Value>()
            var entries: [MapEntry] = []
            for _ in 0..<count {
                let key = value(of: keyType, nullable: false, nullRate: 0, allowNonFinite: false, using: &random)
                guard seen.insert(key).inserted else { continue }
                let entryValue = value(of: valueType, nullable: true, nullRate: nullRate, allowNonFinite: allowNonFinite, using: &random)
                entries.append(MapEntry(key, entryValue))
            }
            return .map(entries)
        case .struct(let fields):
            return .structure(fields.map { field in
                NamedValue(
                    field.name,
                    value(of: field.type, nullable: field.isNullable, nullRate: nullRate, allowNonFinite: allowNonFinite, using: &random))
            })
        }
    }

    /// A string that is often awkward: empty, long, quoted, escaped, with control characters,
    /// combining marks, right-to-left text or emoji, or that looks like a number or null.
    public static func string(using random: inout some RandomNumberGenerator) -> String {
        let special = [
            "", " ", "NULL", "null", "\\N", "true", "123", "-0", "1e5", "2026-01-01", "\"", "\"\"", "'", "\\",
            "a,b", "line\nbreak", "cr\rlf\r\n", "tab\tbed", "nul\u{0}byte", "bell\u{7}", "\u{1F}", "\u{7F}",
            "  leading and trailing  ", "naïve café", "e\u{301}", "日本語テキスト", "한국어", "עברית", "🎉", "👨‍👩‍👧",
            "🇰🇷", "{\"json\": [1, 2]}", "\u{FEFF}bom", "\u{2028}",
        ]
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<4:
            return special.randomElement(using: &random)!
        case 4:
            // Long: a few kilobytes of mixed text.
            let length = Int.random(in: 500...3000, using: &random)
            return String((0..<length).map { _ in stringCharacters.randomElement(using: &random)! })
        default:
            let length = Int.random(in: 1...20, using: &random)
            return String((0..<length).map { _ in stringCharacters.randomElement(using: &random)! })
        }
    }

    private static let stringCharacters: [Character] = Array(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     ,;:.-_\"'\\/{}[]\n\r\t\u{0}\u{1}é日本🎉ñ한")

    // MARK: Scalars

    private static func integer<T: FixedWidthInteger>(_: T.Type, extreme: Bool, using random: inout some RandomNumberGenerator) -> T {
        if extreme { return [T.min, T.max, 0, -1, 1, T.min + 1, T.max - 1].randomElement(using: &random)! }
        // Small numbers are as interesting as wide ones: pick a bit width first.
        let bits = Int.random(in: 1...T.bitWidth, using: &random)
        let magnitude = T.random(in: 0...(T.max >> (T.bitWidth - bits)), using: &random)
        return Bool.random(using: &random) ? magnitude : 0 - magnitude
    }

    private static func floatingPoint<T: BinaryFloatingPoint>(
        _: T.Type, extreme: Bool, allowNonFinite: Bool, using random: inout some RandomNumberGenerator
    ) -> T where T.RawSignificand: FixedWidthInteger {
        if allowNonFinite, Int.random(in: 0..<20, using: &random) == 0 {
            return [T.nan, T.infinity, -T.infinity].randomElement(using: &random)!
        }
        if extreme {
            return [
                0, -0.0, 1, -1, T.greatestFiniteMagnitude, -T.greatestFiniteMagnitude, T.leastNonzeroMagnitude,
                -T.leastNonzeroMagnitude, T.leastNormalMagnitude, T.ulpOfOne, 0.1, 1 / 3, 1e15, 123_456_789,
            ].randomElement(using: &random)!
        }
        switch Int.random(in: 0..<3, using: &random) {
        case 0:
            return T(Int.random(in: -1000...1000, using: &random))
        case 1:
            return T(Int.random(in: -99_999...99_999, using: &random)) / 100
        default:
            // Any finite value with a random exponent.
            let exponent = T.Exponent(Int.random(in: -60...60, using: &random))
            let significand = T.random(in: 1..<2, using: &random)
            let value = T(sign: Bool.random(using: &random) ? .minus : .plus, exponent: exponent, significand: significand)
            return value
        }
    }

    private static func decimal(precision: Int, extreme: Bool, using random: inout some RandomNumberGenerator) -> Int128 {
        let largest = Value.powerOfTen(precision) - 1
        if extreme { return [largest, -largest, 0, 1, -1].randomElement(using: &random)! }
        let digits = Int.random(in: 1...precision, using: &random)
        let bound = Value.powerOfTen(digits) - 1
        return Int128.random(in: -bound...bound, using: &random)
    }

    private static func timestamp(extreme: Bool, using random: inout some RandomNumberGenerator) -> Int64 {
        if extreme {
            return [
                timestampRange.lowerBound, timestampRange.upperBound, 0, -1, 1, -CivilTime.microsecondsPerDay,
                CivilTime.microsecondsPerSecond - 1,
            ].randomElement(using: &random)!
        }
        let micros = Int64.random(in: timestampRange, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return micros - micros % CivilTime.microsecondsPerSecond  // whole seconds (no fraction)
        case 1: return micros - micros % 1000  // milliseconds
        default: return micros
        }
    }
}
