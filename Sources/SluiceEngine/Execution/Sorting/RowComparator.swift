#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceCore

/// Compares two rows by sort keys, each row in its own set of key columns (rows of different
/// runs while merging). Slower than comparing normalized keys — one type switch per key — so
/// the merge calls it only when the first keys' normalized values tie.
enum RowComparator {
    /// Negative, zero or positive as row `leftRow` of `left` sorts before, with or after row
    /// `rightRow` of `right`; `left` and `right` hold the key columns in key order.
    static func compare(_ left: [Column], _ leftRow: Int, _ right: [Column], _ rightRow: Int, keys: [SortKey]) -> Int {
        for index in 0..<keys.count {
            let order = compare(left[index], leftRow, right[index], rightRow, key: keys[index])
            if order != 0 { return order }
        }
        return 0
    }

    /// The same for one key.
    static func compare(_ left: Column, _ leftRow: Int, _ right: Column, _ rightRow: Int, key: SortKey) -> Int {
        let leftNull = left.isNull(leftRow)
        let rightNull = right.isNull(rightRow)
        if leftNull || rightNull {
            if leftNull == rightNull { return 0 }
            return leftNull == key.nullsFirst ? -1 : 1
        }
        let order: Int
        switch (left.storage, right.storage) {
        case (.boolean(let a), .boolean(let b)): order = sign(a[leftRow] ? 1 : 0, b[rightRow] ? 1 : 0)
        case (.int8(let a), .int8(let b)): order = sign(a[leftRow], b[rightRow])
        case (.int16(let a), .int16(let b)): order = sign(a[leftRow], b[rightRow])
        case (.int32(let a), .int32(let b)): order = sign(a[leftRow], b[rightRow])
        case (.int64(let a), .int64(let b)): order = sign(a[leftRow], b[rightRow])
        case (.float32(let a), .float32(let b)):
            order = sign(KeyNormalizer.floatingPoint(Double(a[leftRow])), KeyNormalizer.floatingPoint(Double(b[rightRow])))
        case (.float64(let a), .float64(let b)):
            order = sign(KeyNormalizer.floatingPoint(a[leftRow]), KeyNormalizer.floatingPoint(b[rightRow]))
        case (.decimal(let a), .decimal(let b)): order = sign(a[leftRow], b[rightRow])
        case (.bytes(let aOffsets, let aData), .bytes(let bOffsets, let bData)):
            let aStart = Int(aOffsets[leftRow])
            let bStart = Int(bOffsets[rightRow])
            order = aData.withUnsafeBufferPointer { a in
                bData.withUnsafeBufferPointer { b in
                    compareBytes(
                        a.baseAddress.map { $0 + aStart }, Int(aOffsets[leftRow + 1]) - aStart,
                        b.baseAddress.map { $0 + bStart }, Int(bOffsets[rightRow + 1]) - bStart)
                }
            }
        default: order = 0
        }
        return key.isAscending ? order : -order
    }

    /// Unsigned byte order; a proper prefix sorts first.
    @inline(__always)
    static func compareBytes(_ a: UnsafePointer<UInt8>?, _ aLength: Int, _ b: UnsafePointer<UInt8>?, _ bLength: Int) -> Int {
        let common = min(aLength, bLength)
        if common > 0, let a, let b {
            let result = memcmp(a, b, common)
            if result != 0 { return result < 0 ? -1 : 1 }
        }
        return sign(aLength, bLength)
    }

    @inline(__always)
    private static func sign<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }
}
