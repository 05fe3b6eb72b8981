import SluiceCore

/// `sum` and `avg` of integers over a frame: a 128-bit total, so only a result outside bigint
/// (for `sum`) is an overflow.
struct WindowIntegerSumAccumulator<Element: FixedWidthInteger>: WindowAccumulator {
    let values: UnsafeBufferPointer<Element>
    let validity: BitView
    let isAverage: Bool
    let output: WindowResultBuffer
    let callName: String
    private var total: Int128 = 0
    private var count = 0

    init(values: UnsafeBufferPointer<Element>, validity: BitView, isAverage: Bool, output: WindowResultBuffer, callName: String) {
        self.values = values
        self.validity = validity
        self.isAverage = isAverage
        self.output = output
        self.callName = callName
    }

    mutating func add(_ position: Int) {
        guard validity.isSet(position) else { return }
        total &+= Int128(values[position])
        count += 1
    }

    mutating func remove(_ position: Int) {
        guard validity.isSet(position) else { return }
        total &-= Int128(values[position])
        count -= 1
    }

    mutating func reset() {
        total = 0
        count = 0
    }

    func write(_ position: Int) throws(SluiceError) {
        guard count > 0 else {
            output.presence[position] = 0
            return
        }
        output.presence[position] = 1
        if isAverage {
            output.doubles[position] = Double(total) / Double(count)
        } else {
            guard let sum = Int64(exactly: total) else { throw windowOverflow("bigint", callName: callName) }
            output.integers[position] = sum
        }
    }
}

/// `sum` and `avg` of floating-point values over a frame. NaN and infinities are counted apart
/// so rows can leave the frame without poisoning the finite total.
struct DoubleSumAccumulator: WindowAccumulator {
    let values: UnsafeBufferPointer<Double>
    let validity: BitView
    let isAverage: Bool
    let output: WindowResultBuffer
    private var total = 0.0
    private var count = 0
    private var nanCount = 0
    private var positiveInfinities = 0
    private var negativeInfinities = 0

    init(values: UnsafeBufferPointer<Double>, validity: BitView, isAverage: Bool, output: WindowResultBuffer) {
        self.values = values
        self.validity = validity
        self.isAverage = isAverage
        self.output = output
    }

    mutating func add(_ position: Int) { update(position, by: 1) }
    mutating func remove(_ position: Int) { update(position, by: -1) }

    @inline(__always)
    private mutating func update(_ position: Int, by step: Int) {
        guard validity.isSet(position) else { return }
        let value = values[position]
        count += step
        if value.isNaN {
            nanCount += step
        } else if value == .infinity {
            positiveInfinities += step
        } else if value == -.infinity {
            negativeInfinities += step
        } else if step > 0 {
            total += value
        } else {
            total -= value
        }
    }

    mutating func reset() {
        total = 0
        count = 0
        nanCount = 0
        positiveInfinities = 0
        negativeInfinities = 0
    }

    func write(_ position: Int) {
        guard count > 0 else {
            output.presence[position] = 0
            return
        }
        let sum: Double
        if nanCount > 0 || (positiveInfinities > 0 && negativeInfinities > 0) {
            sum = .nan
        } else if positiveInfinities > 0 {
            sum = .infinity
        } else if negativeInfinities > 0 {
            sum = -.infinity
        } else {
            sum = total
        }
        output.presence[position] = 1
        output.doubles[position] = isAverage ? sum / Double(count) : sum
    }
}

/// `sum` and `avg` of decimals over a frame. The total is 128 bits plus a count of wraps, so
/// a frame whose total leaves 128 bits, or whose result has more digits than the result type's
/// precision, is an overflow error; `avg` rounds half away from zero.
struct WindowDecimalSumAccumulator: WindowAccumulator {
    let values: UnsafeBufferPointer<Int128>
    let validity: BitView
    let isAverage: Bool
    let output: WindowResultBuffer
    let callName: String
    /// 10^(result scale - input scale).
    let scaleFactor: Int128
    /// The largest unscaled result: 10^precision - 1.
    let largest: Int128
    let resultTypeName: String
    private var total: Int128 = 0
    private var wraps = 0
    private var count = 0

    init(
        values: UnsafeBufferPointer<Int128>, validity: BitView, isAverage: Bool, output: WindowResultBuffer,
        callName: String, inputScale: Int, resultPrecision: Int, resultScale: Int, resultTypeName: String
    ) {
        self.values = values
        self.validity = validity
        self.isAverage = isAverage
        self.output = output
        self.callName = callName
        scaleFactor = Value.powerOfTen(max(0, resultScale - inputScale))
        largest = Value.powerOfTen(resultPrecision) - 1
        self.resultTypeName = resultTypeName
    }

    mutating func add(_ position: Int) {
        guard validity.isSet(position) else { return }
        let value = values[position]
        let (sum, overflow) = total.addingReportingOverflow(value)
        if overflow { wraps += value > 0 ? 1 : -1 }
        total = sum
        count += 1
    }

    mutating func remove(_ position: Int) {
        guard validity.isSet(position) else { return }
        let value = values[position]
        let (difference, overflow) = total.subtractingReportingOverflow(value)
        if overflow { wraps += value > 0 ? -1 : 1 }
        total = difference
        count -= 1
    }

    mutating func reset() {
        total = 0
        wraps = 0
        count = 0
    }

    func write(_ position: Int) throws(SluiceError) {
        guard count > 0 else {
            output.presence[position] = 0
            return
        }
        let (scaled, overflow) = total.multipliedReportingOverflow(by: scaleFactor)
        guard wraps == 0, !overflow else { throw windowOverflow(resultTypeName, callName: callName) }
        var result = scaled
        if isAverage {
            let divisor = Int128(count)
            let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: divisor)
            result = quotient
            if remainder.magnitude * 2 >= divisor.magnitude { result += scaled < 0 ? -1 : 1 }
        }
        guard result <= largest, result >= -largest else { throw windowOverflow(resultTypeName, callName: callName) }
        output.presence[position] = 1
        output.decimals[position] = result
    }
}
