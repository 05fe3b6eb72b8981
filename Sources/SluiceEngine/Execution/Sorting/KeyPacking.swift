import SluiceCore

/// Several fixed-width keys packed into one 64-bit normalized key, when their value ranges fit
/// together: each key becomes a code `0...range` (its normalized value minus the smallest, with
/// one more code for null, first or last) in its own bit field, the first key in the highest
/// bits. One radix sort by the packed key then orders rows by all keys at once, without
/// refining ties key by key (which reads the later keys' columns at random).
struct KeyPacking: Sendable {
    /// The lowest bit of each key's field.
    let shifts: [Int]
    /// Bits of each key's field.
    let widths: [Int]

    /// The packing of `columns` by `keys`, with each row's packed key written into `entries`
    /// (rows in order); nil when a key is not fixed-width or the fields need more than 64 bits.
    static func pack(
        columns: [Column], keys: [SortKey], kinds: [SortKeyKind], entries: UnsafeMutableBufferPointer<SortEntry>
    ) -> KeyPacking? {
        guard keys.count >= 2, kinds.allSatisfy(\.isSingleWord) else { return nil }
        let count = entries.count
        var normalized: [[UInt64]] = []
        var minimums: [UInt64] = []
        var widths: [Int] = []
        var nullCodes: [UInt64] = []
        var offsets: [UInt64] = []
        let identity = (0..<Int32(truncatingIfNeeded: count)).map { $0 }
        for (index, key) in keys.enumerated() {
            let column = columns[index]
            var values = [UInt64](repeating: 0, count: count)
            identity.withUnsafeBufferPointer { rows in
                values.withUnsafeMutableBufferPointer { values in
                    guard let base = values.baseAddress else { return }
                    KeyNormalizer.fill(
                        column, part: kinds[index].firstPart, descending: !key.isAscending,
                        rows: rows, keys: UnsafeMutableRawPointer(base), stride: 8)
                }
            }
            var smallest = UInt64.max
            var largest = UInt64.min
            let hasNulls = column.nullCount > 0
            if let validity = column.validity, hasNulls {
                validity.words.withUnsafeBufferPointer { words in
                    for row in 0..<count where (words[row >> 6] >> UInt64(row & 63)) & 1 == 1 {
                        smallest = min(smallest, values[row])
                        largest = max(largest, values[row])
                    }
                }
            } else {
                for value in values {
                    smallest = min(smallest, value)
                    largest = max(largest, value)
                }
            }
            if smallest > largest {
                // Only nulls.
                smallest = 0
                largest = 0
            }
            let range = largest - smallest
            let codes = range.addingReportingOverflow(hasNulls ? 1 : 0)
            guard !codes.overflow else { return nil }
            widths.append(codes.partialValue == 0 ? 0 : 64 - codes.partialValue.leadingZeroBitCount)
            minimums.append(smallest)
            nullCodes.append(key.nullsFirst ? 0 : range + 1)
            offsets.append(hasNulls && key.nullsFirst ? 1 : 0)
            normalized.append(values)
            guard widths.reduce(0, +) <= 64 else { return nil }
        }
        var shifts = [Int](repeating: 0, count: keys.count)
        var shift = 0
        for index in stride(from: keys.count - 1, through: 0, by: -1) {
            shifts[index] = shift
            shift += widths[index]
        }
        for row in 0..<count { entries[row] = SortEntry(key: 0, row: Int32(truncatingIfNeeded: row)) }
        for index in 0..<keys.count {
            let column = columns[index]
            let minimum = minimums[index]
            let nullCode = nullCodes[index]
            let offset = offsets[index]
            let fieldShift = UInt64(shifts[index])
            normalized[index].withUnsafeBufferPointer { values in
                if let validity = column.validity, column.nullCount > 0 {
                    validity.words.withUnsafeBufferPointer { words in
                        for row in 0..<count {
                            let present = (words[row >> 6] >> UInt64(row & 63)) & 1 == 1
                            let code = present ? values[row] &- minimum &+ offset : nullCode
                            entries[row].key |= code << fieldShift
                        }
                    }
                } else {
                    for row in 0..<count { entries[row].key |= (values[row] &- minimum) << fieldShift }
                }
            }
        }
        return KeyPacking(shifts: shifts, widths: widths)
    }

    /// The first key on which two rows with different packed keys `a` and `b` differ.
    func firstDifferingKey(_ a: UInt64, _ b: UInt64) -> Int {
        let highest = 63 - (a ^ b).leadingZeroBitCount
        for index in 0..<shifts.count where highest >= shifts[index] && widths[index] > 0 { return index }
        return shifts.count - 1
    }
}
