extension Value {
    /// Microseconds in a day, to compare dates with timestamps.
    static let microsecondsPerDay: Int128 = 86_400_000_000

    /// How this value orders against `other`, or nil when the two cannot be compared (a null,
    /// a list, struct or map, or values of unrelated kinds such as a string and a number).
    ///
    /// - Integers, doubles and decimals compare with each other by exact numeric value, across
    ///   decimal scales and without overflow; -0.0 equals 0.0; NaN equals NaN and sorts above
    ///   every other number, infinity included (as PostgreSQL, DuckDB and Spark order floats).
    /// - Strings compare by their UTF-8 bytes, unsigned (Parquet's order for text); two strings
    ///   are equal only when their bytes are, so `"é"` and `"e\u{301}"` differ.
    /// - Binary values compare by bytes, unsigned; a shorter prefix sorts first.
    /// - Dates, timestamps and a date against a timestamp (the date's midnight, UTC) compare in time.
    /// - `false` sorts before `true`.
    public func compare(to other: Value) -> ValueOrder? {
        switch (self, other) {
        case (.boolean(let left), .boolean(let right)):
            return left == right ? .equal : (left ? .greater : .less)
        case (.int(let left), .int(let right)):
            return ValueOrder(left, right)
        case (.string(let left), .string(let right)):
            return Self.compareBytes(left.utf8, right.utf8)
        case (.binary(let left), .binary(let right)):
            return Self.compareBytes(left, right)
        case (.date(let left), .date(let right)):
            return ValueOrder(left, right)
        case (.timestamp(let left), .timestamp(let right)):
            return ValueOrder(left, right)
        case (.date(let days), .timestamp(let microseconds)):
            return ValueOrder(Int128(days) * Self.microsecondsPerDay, Int128(microseconds))
        case (.timestamp(let microseconds), .date(let days)):
            return ValueOrder(Int128(microseconds), Int128(days) * Self.microsecondsPerDay)
        default:
            guard let left = NumericValue(self), let right = NumericValue(other) else { return nil }
            return left.compare(to: right)
        }
    }

    /// Lexicographic order of two byte sequences, bytes unsigned.
    static func compareBytes<Left: Sequence<UInt8>, Right: Sequence<UInt8>>(_ left: Left, _ right: Right) -> ValueOrder {
        var leftBytes = left.makeIterator()
        var rightBytes = right.makeIterator()
        while true {
            switch (leftBytes.next(), rightBytes.next()) {
            case (nil, nil): return .equal
            case (nil, _): return .less
            case (_, nil): return .greater
            case (let leftByte?, let rightByte?):
                if leftByte != rightByte { return leftByte < rightByte ? .less : .greater }
            }
        }
    }
}
