import SluiceCore

/// The compact row encoding of multi-column (and non-integer) keys: per column a presence byte
/// (0 null, 1 present) and a fixed-width value (zeros for a null), strings as a 4-byte length
/// and their bytes. Two rows hold equal keys exactly when their encodings are equal bytes,
/// with `-0.0` written as `0.0` and every NaN as one NaN (SQL grouping equality).
enum RowEncoding {
    /// Bytes one value of `type` takes besides the presence byte (strings: the length prefix).
    static func fixedWidth(of type: DataType) -> Int {
        switch type {
        case .boolean, .int8: 1
        case .int16: 2
        case .int32, .date, .float32: 4
        case .int64, .timestamp, .float64: 8
        case .decimal: 16
        case .string, .binary: 4
        case .struct, .list, .map: 0
        }
    }

    /// The encodings of `rowCount` rows of `columns`: row `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    static func encode(_ columns: [Column], rowCount: Int) -> (offsets: [Int32], bytes: [UInt8]) {
        let fixedRowWidth = columns.reduce(0) { $0 + 1 + fixedWidth(of: $1.type) }
        var offsets = [Int32](repeating: 0, count: rowCount + 1)
        offsets.withUnsafeMutableBufferPointer { offsets in
            for row in 0...rowCount { offsets[row] = Int32(truncatingIfNeeded: row * fixedRowWidth) }
            for column in columns {
                guard case .bytes(let valueOffsets, _) = column.storage else { continue }
                valueOffsets.withUnsafeBufferPointer { valueOffsets in
                    var extra: Int32 = 0
                    for row in 0..<rowCount {
                        extra &+= valueOffsets[row + 1] &- valueOffsets[row]
                        offsets[row + 1] &+= extra
                    }
                }
            }
        }
        var bytes = [UInt8](repeating: 0, count: Int(offsets[rowCount]))
        var cursors = offsets.map(Int.init)
        bytes.withUnsafeMutableBytes { output in
            guard let base = output.baseAddress else { return }
            cursors.withUnsafeMutableBufferPointer { cursors in
                for column in columns {
                    write(column, rowCount: rowCount, base: base, cursors: cursors)
                }
            }
        }
        return (offsets, bytes)
    }

    private static func write(
        _ column: Column, rowCount: Int, base: UnsafeMutableRawPointer, cursors: UnsafeMutableBufferPointer<Int>
    ) {
        let validity = column.validity
        @inline(__always)
        func put<T: BitwiseCopyable>(_ row: Int, _ value: T) {
            let cursor = cursors[row]
            if let validity, !validity[row] {
                cursors[row] = cursor + 1 + MemoryLayout<T>.size
                return
            }
            base.storeBytes(of: 1, toByteOffset: cursor, as: UInt8.self)
            base.storeBytes(of: value, toByteOffset: cursor + 1, as: T.self)
            cursors[row] = cursor + 1 + MemoryLayout<T>.size
        }
        switch column.storage {
        case .boolean(let bits):
            for row in 0..<rowCount { put(row, UInt8(bits[row] ? 1 : 0)) }
        case .int8(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<rowCount { put(row, values[row]) } }
        case .int16(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<rowCount { put(row, values[row]) } }
        case .int32(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<rowCount { put(row, values[row]) } }
        case .int64(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<rowCount { put(row, values[row]) } }
        case .float32(let values):
            values.withUnsafeBufferPointer { values in
                for row in 0..<rowCount {
                    let value = values[row]
                    put(row, value == 0 ? 0 : (value.isNaN ? Float.nan.bitPattern : value.bitPattern))
                }
            }
        case .float64(let values):
            values.withUnsafeBufferPointer { values in
                for row in 0..<rowCount { put(row, KeyHashing.canonicalBits(values[row])) }
            }
        case .decimal(let values):
            values.withUnsafeBufferPointer { values in for row in 0..<rowCount { put(row, values[row]) } }
        case .bytes(let offsets, let data):
            offsets.withUnsafeBufferPointer { offsets in
                data.withUnsafeBytes { data in
                    for row in 0..<rowCount {
                        let start = Int(offsets[row])
                        let length = Int(offsets[row + 1]) - start
                        let cursor = cursors[row]
                        if let validity, !validity[row] {
                            cursors[row] = cursor + 5
                            continue
                        }
                        base.storeBytes(of: 1, toByteOffset: cursor, as: UInt8.self)
                        base.storeBytes(of: UInt32(truncatingIfNeeded: length), toByteOffset: cursor + 1, as: UInt32.self)
                        if length > 0, let source = data.baseAddress {
                            (base + cursor + 5).copyMemory(from: source + start, byteCount: length)
                        }
                        cursors[row] = cursor + 5 + length
                    }
                }
            }
        case .structure, .list:
            break
        }
    }

    /// Decodes the keys of `rowCount` encoded rows starting at `rowStarts` into one column per type.
    static func decode(
        _ types: [DataType], base: UnsafeRawPointer, rowStarts: [Int]
    ) -> [Column] {
        var cursors = rowStarts
        return types.map { type in
            let builder = ColumnBuilder(type: type, capacity: cursors.count)
            cursors.withUnsafeMutableBufferPointer { cursors in
                for row in 0..<cursors.count {
                    let cursor = cursors[row]
                    let present = base.load(fromByteOffset: cursor, as: UInt8.self) == 1
                    let value = cursor + 1
                    var width = fixedWidth(of: type)
                    if !present {
                        builder.appendNull()
                    } else {
                        switch type {
                        case .boolean: builder.append(bool: base.load(fromByteOffset: value, as: UInt8.self) == 1)
                        case .int8: builder.append(int: Int64(base.loadUnaligned(fromByteOffset: value, as: Int8.self)))
                        case .int16: builder.append(int: Int64(base.loadUnaligned(fromByteOffset: value, as: Int16.self)))
                        case .int32, .date: builder.append(int: Int64(base.loadUnaligned(fromByteOffset: value, as: Int32.self)))
                        case .int64, .timestamp: builder.append(int: base.loadUnaligned(fromByteOffset: value, as: Int64.self))
                        case .float32:
                            let bits = base.loadUnaligned(fromByteOffset: value, as: UInt32.self)
                            builder.append(double: Double(Float(bitPattern: bits)))
                        case .float64:
                            builder.append(double: Double(bitPattern: base.loadUnaligned(fromByteOffset: value, as: UInt64.self)))
                        case .decimal: builder.append(decimal: base.loadUnaligned(fromByteOffset: value, as: Int128.self))
                        case .string, .binary:
                            let length = Int(base.loadUnaligned(fromByteOffset: value, as: UInt32.self))
                            builder.append(bytes: UnsafeRawBufferPointer(start: base + value + 4, count: length))
                            width += length
                        case .struct, .list, .map: builder.appendNull()
                        }
                    }
                    cursors[row] = value + width
                }
            }
            return builder.finish()
        }
    }
}
