/// Selecting rows by index: the gather kernel behind splitting a batch by partition values
/// (and, later, filters, joins and sorts).
extension Column {
    /// A column of the values at `indices`, in that order (indices may repeat).
    public func take(_ indices: [Int32]) -> Column {
        let validityBitmap: Bitmap? = validity.map { validity in
            var builder = BitmapBuilder(capacity: indices.count)
            for index in indices { builder.append(validity[Int(index)]) }
            return builder.finish()
        }
        let taken: ColumnStorage
        switch storage {
        case .boolean(let bits):
            var builder = BitmapBuilder(capacity: indices.count)
            for index in indices { builder.append(bits[Int(index)]) }
            taken = .boolean(builder.finish())
        case .int8(let values): taken = .int8(Self.gather(values, indices))
        case .int16(let values): taken = .int16(Self.gather(values, indices))
        case .int32(let values): taken = .int32(Self.gather(values, indices))
        case .int64(let values): taken = .int64(Self.gather(values, indices))
        case .float32(let values): taken = .float32(Self.gather(values, indices))
        case .float64(let values): taken = .float64(Self.gather(values, indices))
        case .decimal(let values): taken = .decimal(Self.gather(values, indices))
        case .bytes(let offsets, let data):
            var newOffsets: [Int32] = [0]
            newOffsets.reserveCapacity(indices.count + 1)
            var total = 0
            for index in indices { total += Int(offsets[Int(index) + 1] - offsets[Int(index)]) }
            var newData: [UInt8] = []
            newData.reserveCapacity(total)
            data.withUnsafeBufferPointer { data in
                for index in indices {
                    newData.append(contentsOf: data[Int(offsets[Int(index)])..<Int(offsets[Int(index) + 1])])
                    newOffsets.append(Int32(truncatingIfNeeded: newData.count))
                }
            }
            taken = .bytes(offsets: newOffsets, data: newData)
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

    private static func gather<T>(_ values: [T], _ indices: [Int32]) -> [T] {
        values.withUnsafeBufferPointer { values in
            indices.map { values[Int($0)] }
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
