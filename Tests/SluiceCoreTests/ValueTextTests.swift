import SluiceCore
import Testing

@Suite struct ValueTextTests {
    static let decimals: [(Int128, Int, String)] = [
        (12345, 2, "123.45"), (-12345, 2, "-123.45"), (5, 2, "0.05"), (-5, 2, "-0.05"), (0, 2, "0.00"),
        (5, 0, "5"), (-5, 0, "-5"), (100, 2, "1.00"), (1, 38, "0.00000000000000000000000000000000000001"),
        (Value.powerOfTen(38) - 1, 0, "99999999999999999999999999999999999999"),
        (-(Value.powerOfTen(38) - 1), 10, "-9999999999999999999999999999.9999999999"),
        (Int128.min, 3, "-170141183460469231731687303715884105.728"),
    ]

    @Test(arguments: decimals)
    func formatsDecimals(unscaled: Int128, scale: Int, text: String) {
        #expect(Value.format(decimal: unscaled, scale: scale) == text)
        #expect(Value.decimal(unscaled, scale: scale).displayText == text)
    }

    static let doubles: [(Double, String)] = [
        (1.0, "1.0"), (-1.5, "-1.5"), (0.1, "0.1"), (-0.0, "-0.0"), (1e16, "1e+16"), (123_456.789, "123456.789"),
        (Double.leastNonzeroMagnitude, "5e-324"), (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
    ]

    @Test(arguments: doubles)
    func formatsDoubles(value: Double, text: String) {
        #expect(Value.format(double: value) == text)
        #expect(Value.double(value).displayText == text)
    }

    static let timestamps: [(Int64, String)] = [
        (0, "1970-01-01 00:00:00"), (1_500_000, "1970-01-01 00:00:01.5"), (1_000, "1970-01-01 00:00:00.001"),
        (123_456, "1970-01-01 00:00:00.123456"), (-1, "1969-12-31 23:59:59.999999"),
        (-86_400_000_000, "1969-12-31 00:00:00"), (-1_500_000, "1969-12-31 23:59:58.5"),
        (1_793_527_445_000_000, "2026-11-01 10:04:05"),
        (-62_135_596_800_000_000, "0001-01-01 00:00:00"), (253_402_300_799_999_999, "9999-12-31 23:59:59.999999"),
    ]

    @Test(arguments: timestamps)
    func formatsTimestamps(micros: Int64, text: String) {
        #expect(Value.timestamp(micros).displayText == text)
    }

    @Test func formatsTimestampsAsISO8601() {
        #expect(CivilTime.formatTimestamp(microseconds: 1_500_000, separator: "T", zulu: true) == "1970-01-01T00:00:01.5Z")
    }

    @Test func displaysEveryKind() {
        #expect(Value.null.displayText == "NULL")
        #expect(Value.boolean(true).displayText == "true")
        #expect(Value.int(-42).displayText == "-42")
        #expect(Value.string("plain \"text\"").displayText == "plain \"text\"")
        #expect(Value.binary([0, 15, 255]).displayText == "0x000fff")
        #expect(Value.binary([]).displayText == "0x")
        #expect(Value.date(0).displayText == "1970-01-01")
        #expect(Value.date(-1).displayText == "1969-12-31")
        #expect(Value.list([.int(1), .null, .string("a")]).displayText == "[1, NULL, \"a\"]")
        #expect(Value.structure([NamedValue("os", .string("ios")), NamedValue("v", .decimal(15, scale: 1))]).displayText
            == "{os: \"ios\", v: 1.5}")
        #expect(Value.map([MapEntry(.string("k"), .list([])), MapEntry(.int(2), .null)]).displayText == "{\"k\": [], 2: NULL}")
        #expect(Value.null.isNull && !Value.int(0).isNull)
    }

    @Test func rescalesDecimals() {
        #expect(Value.powerOfTen(0) == 1)
        #expect(Value.powerOfTen(38) == Int128("100000000000000000000000000000000000000"))
        #expect(Value.rescale(12345, from: 2, to: 4) == 1_234_500)
        #expect(Value.rescale(12345, from: 2, to: 0) == 123)
        #expect(Value.rescale(-12399, from: 2, to: 0) == -123)
    }
}
