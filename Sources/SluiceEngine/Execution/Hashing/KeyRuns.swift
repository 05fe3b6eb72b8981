import SluiceCore

/// Runs of equal consecutive values in a key column — a partition column is one run per batch,
/// sorted or clustered data has long runs — so that a run's value is looked up once.
enum KeyRuns {
    /// Fewer runs than this fraction of the rows make coding by runs worth its extra pass.
    private static let maximumRunFraction = 8

    /// The first row of each run, or nil when runs are short (or the column has nulls or a
    /// type without a cheap equality), so that row-by-row coding is the better choice.
    static func starts(of column: Column, rowCount: Int) -> [Int32]? {
        guard rowCount >= 2, column.nullCount == 0 else { return nil }
        let limit = rowCount / maximumRunFraction + 1
        switch column.storage {
        case .int8(let values): return starts(values, limit: limit)
        case .int16(let values): return starts(values, limit: limit)
        case .int32(let values): return starts(values, limit: limit)
        case .int64(let values): return starts(values, limit: limit)
        case .bytes(let offsets, let data): return starts(offsets: offsets, data: data, rowCount: rowCount, limit: limit)
        default: return nil
        }
    }

    private static func starts<Element: FixedWidthInteger>(_ values: [Element], limit: Int) -> [Int32]? {
        var result: [Int32] = [0]
        let complete = values.withUnsafeBufferPointer { values in
            for row in 1..<values.count where values[row] != values[row - 1] {
                if result.count == limit { return false }
                result.append(Int32(truncatingIfNeeded: row))
            }
            return true
        }
        return complete ? result : nil
    }

    private static func starts(offsets: [Int32], data: [UInt8], rowCount: Int, limit: Int) -> [Int32]? {
        var result: [Int32] = [0]
        let complete = offsets.withUnsafeBufferPointer { offsets in
            data.withUnsafeBytes { data in
                guard let base = data.baseAddress else { return true }
                for row in 1..<rowCount {
                    let start = Int(offsets[row])
                    let length = Int(offsets[row + 1]) - start
                    let previous = Int(offsets[row - 1])
                    if length == start - previous, ByteKeyEquality.equal(base + start, base + previous, length: length) { continue }
                    if result.count == limit { return false }
                    result.append(Int32(truncatingIfNeeded: row))
                }
                return true
            }
        }
        return complete ? result : nil
    }
}
