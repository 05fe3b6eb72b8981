import SluiceCore
import SluiceFormats
import SluiceTestSupport
import Testing

@Suite struct TypeWideningTests {
    static let rules: [(DataType, DataType, DataType)] = [
        // 1. Equal types stay.
        (.string, .string, .string), (.float32, .float32, .float32), (.decimal(precision: 5, scale: 2), .decimal(precision: 5, scale: 2), .decimal(precision: 5, scale: 2)),
        (.list(.date), .list(.date), .list(.date)),
        // 2. Integers of different widths → the wider one.
        (.int8, .int16, .int16), (.int32, .int8, .int32), (.int16, .int64, .int64), (.int64, .int32, .int64),
        // 3. Integer + float or double → double.
        (.int8, .float32, .float64), (.float32, .int64, .float64), (.int32, .float64, .float64), (.float32, .float64, .float64),
        // 4. Integer + decimal → room for 19 integer digits, or double past 38 digits.
        (.int32, .decimal(precision: 10, scale: 2), .decimal(precision: 21, scale: 2)),
        (.decimal(precision: 5, scale: 5), .int8, .decimal(precision: 24, scale: 5)),
        (.decimal(precision: 38, scale: 0), .int64, .decimal(precision: 38, scale: 0)),
        (.int64, .decimal(precision: 30, scale: 10), .decimal(precision: 30, scale: 10)),
        (.int64, .decimal(precision: 38, scale: 20), .float64),
        // 5. Decimal + decimal → integer digits of both and the larger scale; double past 38 digits or with a float.
        (.decimal(precision: 10, scale: 2), .decimal(precision: 5, scale: 4), .decimal(precision: 12, scale: 4)),
        (.decimal(precision: 3, scale: 0), .decimal(precision: 3, scale: 3), .decimal(precision: 6, scale: 3)),
        (.decimal(precision: 38, scale: 0), .decimal(precision: 38, scale: 1), .float64),
        (.decimal(precision: 10, scale: 2), .float32, .float64), (.float64, .decimal(precision: 10, scale: 2), .float64),
        // 6. date + timestamp → timestamp.
        (.date, .timestamp, .timestamp), (.timestamp, .date, .timestamp),
        // 8. Arrays widen their elements; maps their keys and values.
        (.list(.int32), .list(.float64), .list(.float64)),
        (.list(.list(.int8)), .list(.list(.int16)), .list(.list(.int16))),
        (.list(.int32), .list(.string), .list(.string)),
        (.map(key: .string, value: .int32), .map(key: .string, value: .int64), .map(key: .string, value: .int64)),
        (.map(key: .int32, value: .date), .map(key: .string, value: .timestamp), .map(key: .string, value: .timestamp)),
        // 9. Anything else → string.
        (.boolean, .int32, .string), (.string, .int64, .string), (.float64, .boolean, .string), (.date, .int32, .string),
        (.binary, .string, .string), (.timestamp, .string, .string), (.struct([Field("a", .int32)]), .int32, .string),
        (.list(.int32), .int32, .string), (.list(.int32), .map(key: .string, value: .int32), .string),
        (.struct([Field("a", .int32)]), .list(.int32), .string), (.map(key: .string, value: .int32), .struct([]), .string),
    ]

    @Test(arguments: rules)
    func widensByTheDocumentedRules(left: DataType, right: DataType, expected: DataType) {
        #expect(TypeWidening.widen(left, right) == expected)
    }

    @Test func structsMergeFieldsByNameInFirstSeenOrder() {
        let left = DataType.struct([
            Field("a", .int32, isNullable: false), Field("b", .string, isNullable: false), Field("d", .int8),
        ])
        let right = DataType.struct([
            Field("c", .boolean, isNullable: false), Field("b", .int64, isNullable: false), Field("d", .int64, isNullable: false),
            Field("a", .float32, isNullable: false),
        ])
        #expect(TypeWidening.widen(left, right) == .struct([
            Field("a", .float64, isNullable: false),  // on both sides, not null on both
            Field("b", .string, isNullable: false),
            Field("d", .int64, isNullable: true),  // nullable on one side
            Field("c", .boolean, isNullable: true),  // missing on the left
        ]))
        #expect(TypeWidening.mergeFields([Field("x", .int32, isNullable: false)], []) == [Field("x", .int32, isNullable: true)])
        #expect(TypeWidening.widen(
            .list(.struct([Field("x", .int32)])), .list(.struct([Field("y", .struct([Field("z", .date)]))]))
        ) == .list(.struct([Field("x", .int32), Field("y", .struct([Field("z", .date)]))])))
    }

    @Test func widenIsSymmetricForScalarsAndStableWhenRepeated() {
        let scalars = RandomData.scalarTypes + [.decimal(precision: 20, scale: 0), .decimal(precision: 19, scale: 19)]
        for left in scalars {
            for right in scalars {
                let widened = TypeWidening.widen(left, right)
                #expect(widened == TypeWidening.widen(right, left), "\(left) + \(right)")
                #expect(TypeWidening.widen(widened, left) == widened, "\(left) + \(right) → \(widened)")
                #expect(TypeWidening.widen(widened, right) == widened, "\(left) + \(right) → \(widened)")
            }
        }
    }
}
