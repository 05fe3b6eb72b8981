import SluiceCore
import SluiceTestSupport
import Testing

/// ``Value/compare(to:)``: exact numbers across kinds and scales, byte order for text, time
/// across dates and timestamps, and nil for pairs that do not compare.
@Suite struct ValueOrderingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var left: Value
        var right: Value
        var order: ValueOrder
        var testDescription: String { "\(left) vs \(right)" }

        init(_ left: Value, _ right: Value, _ order: ValueOrder) {
            self.left = left
            self.right = right
            self.order = order
        }
    }

    static let twoTo100 = Int128(1) << 100

    static let cases: [Case] = [
        Case(.int(3), .int(5), .less),
        Case(.int(Int64.min), .int(Int64.max), .less),
        Case(.int(3), .double(3.0), .equal),
        Case(.int(3), .double(3.5), .less),
        Case(.int(-3), .double(-3.5), .greater),
        Case(.int(0), .double(-0.0), .equal),
        Case(.int(Int64.max), .double(9_223_372_036_854_775_808.0), .less),
        Case(.int(Int64.min), .double(-9_223_372_036_854_775_808.0), .equal),
        Case(.int(9_007_199_254_740_993), .double(9_007_199_254_740_992.0), .greater),
        Case(.int(1), .double(.infinity), .less),
        Case(.int(1), .double(-.infinity), .greater),
        Case(.int(Int64.max), .double(.nan), .less),
        Case(.int(150), .decimal(15_000, scale: 2), .equal),
        Case(.int(150), .decimal(15_001, scale: 2), .less),
        Case(.int(500), .decimal(5, scale: -2), .equal),
        Case(.decimal(12_345, scale: 2), .decimal(123_450, scale: 3), .equal),
        Case(.decimal(12_345, scale: 2), .decimal(123_451, scale: 3), .less),
        Case(.decimal(-12_345, scale: 2), .decimal(-123_451, scale: 3), .greater),
        Case(.decimal(Int128.max, scale: 0), .decimal(1, scale: 1), .greater),
        Case(.decimal(Int128.max, scale: 0), .decimal(Int128.max, scale: 1), .greater),
        Case(.decimal(Int128.min, scale: 0), .decimal(Int128.min, scale: 1), .less),
        Case(.decimal(Int128.min, scale: 0), .decimal(Int128.max, scale: 38), .less),
        Case(.decimal(1, scale: 38), .decimal(0, scale: 0), .greater),
        Case(.decimal(-1, scale: 38), .decimal(0, scale: 5), .less),
        Case(.decimal(0, scale: 3), .decimal(0, scale: 30), .equal),
        Case(.decimal(1, scale: 1), .double(0.1), .less),
        Case(.decimal(1_000_000_000_000_000_055_511_151_231_257_827, scale: 34), .double(0.1), .less),
        Case(.decimal(1_000_000_000_000_000_055_511_151_231_257_828, scale: 34), .double(0.1), .greater),
        Case(.decimal(5, scale: 1), .double(0.5), .equal),
        Case(.decimal(-25, scale: 1), .double(-2.5), .equal),
        Case(.decimal(375, scale: 3), .double(0.375), .equal),
        Case(.decimal(twoTo100, scale: 0), .double(0x1p100), .equal),
        Case(.decimal(twoTo100 + 1, scale: 0), .double(0x1p100), .greater),
        Case(.decimal(twoTo100 * 10 - 1, scale: 1), .double(0x1p100), .less),
        Case(.decimal(Int128.max, scale: 0), .double(1e300), .less),
        Case(.decimal(Int128.min, scale: 0), .double(-1e300), .greater),
        Case(.decimal(1, scale: 38), .double(.leastNonzeroMagnitude), .greater),
        Case(.decimal(0, scale: 2), .double(.leastNonzeroMagnitude), .less),
        Case(.decimal(0, scale: 2), .double(-0.0), .equal),
        Case(.decimal(-1, scale: 0), .double(-.leastNonzeroMagnitude), .less),
        Case(.decimal(Int128.max, scale: 0), .double(.infinity), .less),
        Case(.decimal(Int128.min, scale: 0), .double(-.infinity), .greater),
        Case(.decimal(5, scale: -2), .double(499.999), .greater),
        Case(.double(1.5), .double(2.5), .less),
        Case(.double(-0.0), .double(0.0), .equal),
        Case(.double(.nan), .double(.nan), .equal),
        Case(.double(.nan), .double(.infinity), .greater),
        Case(.double(-.nan), .double(-.infinity), .greater),
        Case(.double(.nan), .decimal(Int128.max, scale: 0), .greater),
        Case(.string("apple"), .string("banana"), .less),
        Case(.string(""), .string("a"), .less),
        Case(.string("ab"), .string("abc"), .less),
        Case(.string("z"), .string("é"), .less),
        Case(.string("\u{FFFF}"), .string("😀"), .less),
        Case(.string("e\u{301}"), .string("é"), .less),
        Case(.string("same"), .string("same"), .equal),
        Case(.binary([0x01, 0xFF]), .binary([0x02]), .less),
        Case(.binary([0x80]), .binary([0x7F]), .greater),
        Case(.binary([]), .binary([0x00]), .less),
        Case(.binary([0xAB]), .binary([0xAB]), .equal),
        Case(.date(10), .date(11), .less),
        Case(.date(-1), .date(0), .less),
        Case(.timestamp(-5), .timestamp(5), .less),
        Case(.date(1), .timestamp(86_400_000_000), .equal),
        Case(.date(1), .timestamp(86_400_000_001), .less),
        Case(.date(-1), .timestamp(-86_400_000_001), .greater),
        Case(.date(Int32.max), .timestamp(Int64.max), .greater),
        Case(.date(Int32.min), .timestamp(Int64.min), .less),
        Case(.boolean(false), .boolean(true), .less),
        Case(.boolean(true), .boolean(true), .equal),
    ]

    @Test(arguments: cases)
    func ordersBothWays(_ test: Case) {
        #expect(test.left.compare(to: test.right) == test.order)
        #expect(test.right.compare(to: test.left) == test.order.reversed)
        #expect(test.left.compare(to: test.left) == .equal)
    }

    static let incomparable: [(Value, Value)] = [
        (.null, .null), (.null, .int(1)), (.int(1), .string("1")), (.string("a"), .binary([0x61])),
        (.date(1), .int(1)), (.timestamp(1), .double(1)), (.boolean(true), .int(1)),
        (.list([.int(1)]), .list([.int(1)])), (.structure([]), .structure([])), (.map([]), .map([])),
        (.decimal(1, scale: 60), .double(1)), (.decimal(1, scale: -60), .double(1)),
    ]

    @Test(arguments: incomparable)
    func incomparablePairsGiveNil(left: Value, right: Value) {
        #expect(left.compare(to: right) == nil)
        #expect(right.compare(to: left) == nil)
    }

    /// Decimals against doubles, checked against doubles that are short decimals exactly
    /// (m / 2^k is m * 5^k / 10^k), so the decimal-to-decimal order is the reference.
    @Test func decimalsAgainstDoublesMatchExactDecimals() {
        var random = SeededRandom(seed: 2024)
        for _ in 0..<20_000 {
            let mantissa = Int64.random(in: -(1 << 50)...(1 << 50), using: &random)
            let shift = Int.random(in: 0...20, using: &random)
            let double = Double(mantissa) / Double(sign: .plus, exponent: shift, significand: 1)
            var power: Int128 = 1
            for _ in 0..<shift { power *= 5 }
            let exact = Value.decimal(Int128(mantissa) * power, scale: shift)
            let scale = Int.random(in: -3...30, using: &random)
            let other: Value
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                // The same number at another scale, or one unit of that scale off.
                let nudge = Int128(Int.random(in: -1...1, using: &random))
                let target = max(0, min(scale, shift + 5))
                other = .decimal(Self.rescaledTowardZero(Int128(mantissa) * power, from: shift, to: target) + nudge, scale: target)
            case 1:
                other = .int(Int64(mantissa >> Int64.random(in: 0...50, using: &random)))
            default:
                let unscaled = Int128(Int64.random(in: Int64.min...Int64.max, using: &random)) * Int128(Int64.random(in: 1...1_000, using: &random))
                other = .decimal(unscaled, scale: scale)
            }
            let expected = other.compare(to: exact)
            #expect(expected != nil)
            #expect(other.compare(to: .double(double)) == expected, "\(other) vs \(double) (\(exact))")
            #expect(Value.double(double).compare(to: other) == expected?.reversed, "\(double) vs \(other)")
        }
    }

    /// The order is a total order on numbers: consistent with itself and transitive.
    @Test func numbersSortConsistently() {
        var random = SeededRandom(seed: 77)
        let values: [Value] = (0..<300).map { _ in
            switch Int.random(in: 0..<5, using: &random) {
            case 0: .int(Int64.random(in: -1_000...1_000, using: &random))
            case 1: .double(Double(Int.random(in: -4_000...4_000, using: &random)) / 4)
            case 2: .decimal(Int128(Int.random(in: -100_000...100_000, using: &random)), scale: Int.random(in: 0...3, using: &random))
            case 3: .double([Double.nan, .infinity, -.infinity, -0.0, 0.1, -0.1][Int.random(in: 0..<6, using: &random)])
            default: .int(Int64.random(in: Int64.min...Int64.max, using: &random))
            }
        }
        let sorted = values.sorted { $0.compare(to: $1) == .less }
        for (earlier, later) in zip(sorted, sorted.dropFirst()) {
            #expect(earlier.compare(to: later) != .greater, "\(earlier) sorted before \(later)")
        }
        for index in 0..<2_000 {
            let (first, second, third) = (values[index % 300], values[(index * 7) % 300], values[(index * 13) % 300])
            if first.compare(to: second) != .greater, second.compare(to: third) != .greater {
                #expect(first.compare(to: third) != .greater, "\(first) ≤ \(second) ≤ \(third)")
            }
        }
    }

    @Test func operatorsHoldForTheirOrders() {
        let table: [(ComparisonOperator, [Bool])] = [
            (.equal, [false, true, false]), (.notEqual, [true, false, true]),
            (.less, [true, false, false]), (.lessOrEqual, [true, true, false]),
            (.greater, [false, false, true]), (.greaterOrEqual, [false, true, true]),
        ]
        for (op, expected) in table {
            #expect([ValueOrder.less, .equal, .greater].map(op.holds) == expected, "\(op.rawValue)")
            #expect([ValueOrder.less, .equal, .greater].map { op.swapped.holds(for: $0.reversed) } == expected, "\(op.rawValue) swapped")
        }
    }

    private static func rescaledTowardZero(_ unscaled: Int128, from: Int, to: Int) -> Int128 {
        var value = unscaled
        if to >= from {
            for _ in from..<to { value *= 10 }
        } else {
            for _ in to..<from { value /= 10 }
        }
        return value
    }
}
