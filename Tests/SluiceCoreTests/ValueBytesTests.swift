import Testing
@testable import SluiceCore

/// The byte-appending formatters writers use agree with the String ones.
@Suite("Value text as bytes")
struct ValueBytesTests {
    @Test(arguments: [0, 9, 10, -1, -10, 123_456_789, Int64.max, Int64.min])
    func integers(value: Int64) {
        var bytes: [UInt8] = [0x78]
        Value.appendInteger(value, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(value))
    }

    @Test func decimals() {
        let cases: [(Int128, Int, String)] = [
            (0, 0, "0"), (0, 2, "0.00"), (5, 3, "0.005"), (-5, 3, "-0.005"), (12345, 2, "123.45"),
            (-12345, 2, "-123.45"), (Int128.max, 38, "1.70141183460469231731687303715884105727"),
            (Int128.min + 1, 0, "-170141183460469231731687303715884105727"),
        ]
        for (unscaled, scale, expected) in cases {
            var bytes: [UInt8] = []
            Value.appendDecimal(unscaled, scale: scale, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == expected)
        }
    }
}
