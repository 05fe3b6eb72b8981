import SluiceCore

/// Compares single values across two columns of one type (row `i` of the left with row `j`
/// of the right), for the collection functions that look inside arrays and maps. Nested
/// values compare for equality only, boxed (rare).
struct RowComparer {
    private enum Buffers {
        case booleans(Bitmap, Bitmap)
        case int64s([Int64], [Int64])
        case doubles([Double], [Double])
        case decimals([Int128], [Int128])
        case bytes(([Int32], [UInt8]), ([Int32], [UInt8]))
        case nested(Column, Column)
    }

    private let buffers: Buffers

    init(_ left: Column, _ right: Column) throws(SluiceError) {
        switch left.storage {
        case .boolean(let bits): buffers = .booleans(bits, try right.booleanBits())
        case .int8, .int16, .int32, .int64:
            buffers = .int64s(try Self.widened(left), try Self.widened(right))
        case .float32(let values): buffers = .doubles(values.map(Double.init), try right.elements(Float.self).map(Double.init))
        case .float64(let values): buffers = .doubles(values, try right.elements(Double.self))
        case .decimal(let values): buffers = .decimals(values, try right.elements(Int128.self))
        case .bytes(let offsets, let data): buffers = .bytes((offsets, data), try right.byteBuffers())
        case .structure, .list: buffers = .nested(left, right)
        }
    }

    private static func widened(_ column: Column) throws(SluiceError) -> [Int64] {
        switch column.storage {
        case .int8(let values): values.map(Int64.init)
        case .int16(let values): values.map(Int64.init)
        case .int32(let values): values.map(Int64.init)
        case .int64(let values): values
        default: throw SluiceError.internal("RowComparer expected integers, got \(column.type).", domain: .query)
        }
    }

    /// Negative, zero or positive as left row `i` orders before, with or after right row `j`;
    /// nil for nested values (not orderable).
    func compare(_ i: Int, _ j: Int) -> Int? {
        switch buffers {
        case .booleans(let left, let right): return (left[i] ? 1 : 0) - (right[j] ? 1 : 0)
        case .int64s(let left, let right): return left[i] < right[j] ? -1 : (left[i] == right[j] ? 0 : 1)
        case .doubles(let left, let right): return left[i] < right[j] ? -1 : (left[i] == right[j] ? 0 : 1)
        case .decimals(let left, let right): return left[i] < right[j] ? -1 : (left[i] == right[j] ? 0 : 1)
        case .bytes(let left, let right):
            return left.1.withUnsafeBufferPointer { leftData in
                right.1.withUnsafeBufferPointer { rightData in
                    UTF8Bytes.compare(
                        UnsafeBufferPointer(rebasing: leftData[Int(left.0[i])..<Int(left.0[i + 1])]),
                        UnsafeBufferPointer(rebasing: rightData[Int(right.0[j])..<Int(right.0[j + 1])]))
                }
            }
        case .nested: return nil
        }
    }

    func equal(_ i: Int, _ j: Int) -> Bool {
        if case .nested(let left, let right) = buffers { return left.value(at: i) == right.value(at: j) }
        return compare(i, j) == 0
    }
}
