import SluiceCore

extension Column {
    /// Bytes held by the column's buffers (values, offsets, validity), for memory accounting.
    var estimatedByteCount: Int {
        let validityBytes = validity.map { $0.words.count * 8 } ?? 0
        // Codes into a shared dictionary: counting must not build the values it would count.
        if isDeferred, let dictionary { return validityBytes + (dictionary.indices?.count ?? 0) * 4 }
        switch storage {
        case .boolean(let bits): return validityBytes + bits.words.count * 8
        case .int8(let values): return validityBytes + values.count
        case .int16(let values): return validityBytes + values.count * 2
        case .int32(let values): return validityBytes + values.count * 4
        case .int64(let values): return validityBytes + values.count * 8
        case .float32(let values): return validityBytes + values.count * 4
        case .float64(let values): return validityBytes + values.count * 8
        case .decimal(let values): return validityBytes + values.count * 16
        case .bytes(let offsets, let data): return validityBytes + offsets.count * 4 + data.count
        case .structure(let children): return validityBytes + children.reduce(0) { $0 + $1.estimatedByteCount }
        case .list(let offsets, let values): return validityBytes + offsets.count * 4 + values.estimatedByteCount
        }
    }
}

extension RecordBatch {
    /// Bytes held by the batch's columns, for memory accounting.
    var estimatedByteCount: Int { columns.reduce(0) { $0 + $1.estimatedByteCount } }
}
