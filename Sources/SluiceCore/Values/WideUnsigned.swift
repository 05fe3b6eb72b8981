/// A 256-bit unsigned integer, just enough to compare products of 128-bit numbers.
struct WideUnsigned: Equatable {
    var high: UInt128
    var low: UInt128

    init(_ product: (high: UInt128, low: UInt128.Magnitude)) {
        high = product.high
        low = product.low
    }

    var bitLength: Int {
        high != 0 ? 256 - high.leadingZeroBitCount : 128 - low.leadingZeroBitCount
    }

    /// Shifted left by `count` bits (0..<256); the caller makes sure nothing is shifted out.
    func shiftedLeft(_ count: Int) -> WideUnsigned {
        if count == 0 { return self }
        if count >= 128 { return WideUnsigned((high: low << (count - 128), low: 0)) }
        return WideUnsigned((high: (high << count) | (low >> (128 - count)), low: low << count))
    }

    /// `left * 2^leftShift` against `right * 2^rightShift`: bit lengths first, and when they
    /// tie the shorter operand is shifted onto the other, which then fits in 256 bits.
    static func compare(_ left: WideUnsigned, shiftedBy leftShift: Int, _ right: WideUnsigned, shiftedBy rightShift: Int) -> ValueOrder {
        let leftLength = left.bitLength == 0 ? 0 : left.bitLength + leftShift
        let rightLength = right.bitLength == 0 ? 0 : right.bitLength + rightShift
        if leftLength != rightLength { return ValueOrder(leftLength, rightLength) }
        if leftLength == 0 { return .equal }
        let common = min(leftShift, rightShift)
        let leftAligned = left.shiftedLeft(leftShift - common)
        let rightAligned = right.shiftedLeft(rightShift - common)
        if leftAligned.high != rightAligned.high { return ValueOrder(leftAligned.high, rightAligned.high) }
        return ValueOrder(leftAligned.low, rightAligned.low)
    }
}
