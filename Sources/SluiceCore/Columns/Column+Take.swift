/// Selecting rows by index: the gather kernel behind splitting a batch by partition values
/// (and, later, filters, joins and sorts).
extension Column {
    /// A column of the values at `indices`, in that order (indices may repeat).
    public func take(_ indices: [Int32]) -> Column {
        let validityBitmap: Bitmap? = validity.map { Self.gatherBits($0, indices) }
        if let dictionary, dictionary.holdsBytes {
            // Gather four-byte codes, not the strings: the result's bytes are built only if read.
            return Column(type: type, count: indices.count, validity: validityBitmap, dictionary: dictionary.taking(indices))
        }
        let taken: ColumnStorage
        switch storage {
        case .boolean(let bits): taken = .boolean(Self.gatherBits(bits, indices))
        case .int8(let values): taken = .int8(Self.gather(values, indices))
        case .int16(let values): taken = .int16(Self.gather(values, indices))
        case .int32(let values): taken = .int32(Self.gather(values, indices))
        case .int64(let values): taken = .int64(Self.gather(values, indices))
        case .float32(let values): taken = .float32(Self.gather(values, indices))
        case .float64(let values): taken = .float64(Self.gather(values, indices))
        case .decimal(let values): taken = .decimal(Self.gather(values, indices))
        case .bytes(let offsets, let data):
            taken = Self.gatherBytes(offsets: offsets, data: data, indices)
        case .structure(let children):
            taken = .structure(children.map { $0.take(indices) })
        case .list(let offsets, let values):
            var newOffsets: [Int32] = [0]
            newOffsets.reserveCapacity(indices.count + 1)
            var elementIndices: [Int32] = []
            for index in indices {
                for element in offsets[Int(index)]..<offsets[Int(index) + 1] { elementIndices.append(element) }
                newOffsets.append(Int32(truncatingIfNeeded: elementIndices.count))
            }
            taken = .list(offsets: newOffsets, values: values.take(elementIndices))
        }
        return Column(type: type, count: indices.count, validity: validityBitmap, storage: taken)
    }

    /// The bits at `indices`, packed 64 at a time.
    private static func gatherBits(_ bits: Bitmap, _ indices: [Int32]) -> Bitmap {
        let wordCount = (indices.count + 63) / 64
        let words = [UInt64](unsafeUninitializedCapacity: wordCount) { buffer, initialized in
            bits.words.withUnsafeBufferPointer { source in
                indices.withUnsafeBufferPointer { indices in
                    var position = 0
                    for word in 0..<wordCount {
                        var packed: UInt64 = 0
                        let end = min(position + 64, indices.count)
                        var bit: UInt64 = 1
                        while position < end {
                            let index = Int(indices[position])
                            if source[index >> 6] & (1 << UInt64(index & 63)) != 0 { packed |= bit }
                            bit &<<= 1
                            position += 1
                        }
                        buffer[word] = packed
                    }
                }
            }
            initialized = wordCount
        }
        return Bitmap(words: words, count: indices.count)
    }

    /// Strings and binaries at `indices`: offsets first, then one copy per value into a buffer
    /// sized once.
    private static func gatherBytes(offsets: [Int32], data: [UInt8], _ indices: [Int32]) -> ColumnStorage {
        indices.withUnsafeBufferPointer { gatherBytes(offsets: offsets, data: data, $0, nullsAt: nil) }
    }

    /// Strings and binaries at `indices`; rows that `nullsAt` marks null (bit clear) get an
    /// empty value whatever their index says.
    static func gatherBytes<Index: FixedWidthInteger>(
        offsets: [Int32], data: [UInt8], _ indices: UnsafeBufferPointer<Index>, nullsAt validity: Bitmap?
    ) -> ColumnStorage {
        var newOffsets = [Int32](repeating: 0, count: indices.count + 1)
        var total = 0
        offsets.withUnsafeBufferPointer { offsets in
            newOffsets.withUnsafeMutableBufferPointer { out in
                for (position, index) in indices.enumerated() {
                    if let validity, !validity[position] {
                        out[position + 1] = Int32(truncatingIfNeeded: total)
                        continue
                    }
                    total += Int(offsets[Int(index) + 1] &- offsets[Int(index)])
                    out[position + 1] = Int32(truncatingIfNeeded: total)
                }
            }
        }
        let newData = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let target = buffer.baseAddress else {
                initialized = 0
                return
            }
            data.withUnsafeBufferPointer { source in
                offsets.withUnsafeBufferPointer { offsets in
                    guard let base = source.baseAddress else { return }
                    var cursor = 0
                    for (position, index) in indices.enumerated() {
                        if let validity, !validity[position] { continue }
                        let start = Int(offsets[Int(index)])
                        let length = Int(offsets[Int(index) + 1]) - start
                        ShortByteCopy.copy(length, from: UnsafeRawPointer(base), at: start, sourceEnd: source.count,
                                           to: UnsafeMutableRawPointer(target), at: cursor, targetEnd: total)
                        cursor += length
                    }
                }
            }
            initialized = total
        }
        return .bytes(offsets: newOffsets, data: newData)
    }

    private static func gather<T: BitwiseCopyable>(_ values: [T], _ indices: [Int32]) -> [T] {
        [T](unsafeUninitializedCapacity: indices.count) { buffer, initialized in
            values.withUnsafeBufferPointer { values in
                indices.withUnsafeBufferPointer { indices in
                    for position in 0..<indices.count { buffer[position] = values[Int(indices[position])] }
                }
            }
            initialized = indices.count
        }
    }
}

extension RecordBatch {
    /// The rows at `indices`, in that order.
    public func take(_ indices: [Int32]) -> RecordBatch {
        do {
            return try RecordBatch(schema: schema, columns: columns.map { $0.take(indices) })
        } catch {
            preconditionFailure("take kept the schema, so the batch is valid: \(error)")
        }
    }
}

extension Column {
    /// True when rows `a` and `b` hold the same scalar value (both null counts as the same);
    /// nested values compare as different unless they are the same row.
    public func sameValue(at a: Int, as b: Int) -> Bool {
        if a == b { return true }
        let aNull = isNull(a)
        if aNull != isNull(b) { return false }
        if aNull { return true }
        switch storage {
        case .boolean(let bits): return bits[a] == bits[b]
        case .int8(let values): return values[a] == values[b]
        case .int16(let values): return values[a] == values[b]
        case .int32(let values): return values[a] == values[b]
        case .int64(let values): return values[a] == values[b]
        case .float32(let values): return values[a] == values[b]
        case .float64(let values): return values[a] == values[b]
        case .decimal(let values): return values[a] == values[b]
        case .bytes(let offsets, let data):
            let aRange = Int(offsets[a])..<Int(offsets[a + 1])
            let bRange = Int(offsets[b])..<Int(offsets[b + 1])
            return aRange.count == bRange.count && data[aRange].elementsEqual(data[bRange])
        case .structure, .list: return false
        }
    }
}

extension Column {
    /// Like ``take(_:)``, but an index of -1 gives a null (outer joins, UNNEST padding).
    public func takeOrNull(_ indices: [Int32]) -> Column {
        guard indices.contains(where: { $0 < 0 }) else { return take(indices) }
        guard count > 0 else { return Column.nulls(type, count: indices.count) }
        let taken = take(indices.map { max(0, $0) })
        var validity = BitmapBuilder(capacity: indices.count)
        for (position, index) in indices.enumerated() {
            validity.append(index >= 0 && !taken.isNull(position))
        }
        return Column(type: type, count: indices.count, validity: validity.finish(), storage: taken.storage)
    }
}
