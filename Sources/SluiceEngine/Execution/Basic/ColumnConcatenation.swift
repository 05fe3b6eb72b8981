import SluiceCore

/// Joins columns of one type end to end into one column: sorts and windows gather a lane's
/// batches into one run, joins their build side, kernels their branches.
enum ColumnConcatenation {
    /// The values of `columns`, in order, as one column of `type`. Text and binary columns whose
    /// bytes together pass 2 GiB (the reach of 32-bit offsets) are refused.
    static func concatenate(_ columns: [Column], type: DataType) throws(SluiceError) -> Column {
        if columns.count == 1 { return columns[0] }
        let count = columns.reduce(0) { $0 + $1.count }
        let validity = concatenatedValidity(columns, count: count)
        if let shared = sharedDictionary(columns, count: count) {
            return Column(type: type, count: count, validity: validity, dictionary: shared)
        }
        let storage: ColumnStorage
        switch type {
        case .boolean:
            var bits = BitAppender(capacity: count)
            for column in columns {
                if case .boolean(let values) = column.storage { bits.append(values) } else { bits.append(repeating: false, count: column.count) }
            }
            storage = .boolean(bits.finish())
        case .int8: storage = .int8(joined(columns) { if case .int8(let values) = $0 { values } else { nil } })
        case .int16: storage = .int16(joined(columns) { if case .int16(let values) = $0 { values } else { nil } })
        case .int32, .date: storage = .int32(joined(columns) { if case .int32(let values) = $0 { values } else { nil } })
        case .int64, .timestamp: storage = .int64(joined(columns) { if case .int64(let values) = $0 { values } else { nil } })
        case .float32: storage = .float32(joined(columns) { if case .float32(let values) = $0 { values } else { nil } })
        case .float64: storage = .float64(joined(columns) { if case .float64(let values) = $0 { values } else { nil } })
        case .decimal: storage = .decimal(joined(columns) { if case .decimal(let values) = $0 { values } else { nil } })
        case .string, .binary: storage = try concatenatedBytes(columns, count: count)
        case .struct(let fields):
            var children: [Column] = []
            for (fieldIndex, field) in fields.enumerated() {
                let parts = columns.map { column -> Column in
                    if case .structure(let fieldColumns) = column.storage { return fieldColumns[fieldIndex] }
                    return Column.nulls(field.type, count: column.count)
                }
                children.append(try concatenate(parts, type: field.type))
            }
            storage = .structure(children)
        case .list, .map:
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(count + 1)
            var valueParts: [Column] = []
            var base: Int64 = 0
            for column in columns {
                guard case .list(let columnOffsets, let values) = column.storage else { continue }
                let start = Int64(columnOffsets[0])
                for index in 1..<columnOffsets.count {
                    offsets.append(Int32(truncatingIfNeeded: base + Int64(columnOffsets[index]) - start))
                }
                let used = Int(columnOffsets[columnOffsets.count - 1]) - Int(start)
                valueParts.append(start == 0 && used == values.count ? values : slice(values, from: Int(start), count: used))
                base += Int64(used)
                guard base <= Int64(Int32.max) else { throw tooLarge(type) }
            }
            let elementType = valueParts.first?.type ?? elementTypeOf(type)
            storage = .list(offsets: offsets, values: try concatenate(valueParts, type: elementType))
        }
        return Column(type: type, count: count, validity: validity, storage: storage)
    }

    /// When every column codes into the same dictionary of strings or binaries (pieces of one
    /// Parquet column chunk), that dictionary with the codes joined: the bytes stay unbuilt.
    private static func sharedDictionary(_ columns: [Column], count: Int) -> ColumnDictionary? {
        guard let first = columns.first?.dictionary, first.holdsBytes, let identity = bytesIdentity(first.values),
              columns.allSatisfy({ column in column.dictionary.flatMap { bytesIdentity($0.values) } == identity }) else { return nil }
        var indices: [UInt32] = []
        indices.reserveCapacity(count)
        for column in columns {
            guard let dictionary = column.dictionary else { return nil }
            if let codes = dictionary.indices { indices.append(contentsOf: codes) } else { indices.append(contentsOf: repeatElement(0, count: column.count)) }
        }
        return ColumnDictionary(values: first.values, indices: indices)
    }

    /// Where a string column's buffers live: equal for columns sharing them.
    private struct BytesIdentity: Equatable {
        let offsets: UnsafeRawPointer?
        let data: UnsafeRawPointer?
        let count: Int
    }

    private static func bytesIdentity(_ column: Column) -> BytesIdentity? {
        guard case .bytes(let offsets, let data) = column.storage else { return nil }
        return BytesIdentity(offsets: offsets.withUnsafeBytes { $0.baseAddress }, data: data.withUnsafeBytes { $0.baseAddress }, count: column.count)
    }

    /// The batches' rows, in order, as one batch of `schema`.
    static func concatenate(_ batches: [RecordBatch], schema: Schema) throws(SluiceError) -> RecordBatch {
        if batches.count == 1, batches[0].schema == schema { return batches[0] }
        if batches.isEmpty { return RecordBatch.empty(schema) }
        var columns: [Column] = []
        for (index, field) in schema.fields.enumerated() {
            columns.append(try concatenate(batches.map { $0.columns[index] }, type: field.type))
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    private static func joined<T>(_ columns: [Column], _ values: (ColumnStorage) -> [T]?) -> [T] {
        var result: [T] = []
        result.reserveCapacity(columns.reduce(0) { $0 + $1.count })
        for column in columns {
            if let part = values(column.storage) { result.append(contentsOf: part) }
        }
        return result
    }

    private static func concatenatedValidity(_ columns: [Column], count: Int) -> Bitmap? {
        guard columns.contains(where: { $0.validity != nil }) else { return nil }
        var bits = BitAppender(capacity: count)
        for column in columns {
            if let validity = column.validity { bits.append(validity) } else { bits.append(repeating: true, count: column.count) }
        }
        return bits.finish()
    }

    private static func concatenatedBytes(_ columns: [Column], count: Int) throws(SluiceError) -> ColumnStorage {
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(count + 1)
        var data: [UInt8] = []
        var total = 0
        for column in columns {
            if case .bytes(let columnOffsets, _) = column.storage {
                total += Int(columnOffsets[columnOffsets.count - 1] - columnOffsets[0])
            }
        }
        guard total <= Int(Int32.max) else { throw tooLarge(columns.first?.type ?? .string) }
        data.reserveCapacity(total)
        for column in columns {
            guard case .bytes(let columnOffsets, let columnData) = column.storage else { continue }
            let start = columnOffsets[0]
            let end = columnOffsets[columnOffsets.count - 1]
            let base = Int32(data.count) - start
            columnOffsets.withUnsafeBufferPointer { source in
                for index in 1..<source.count { offsets.append(source[index] &+ base) }
            }
            data.append(contentsOf: columnData[Int(start)..<Int(end)])
        }
        return .bytes(offsets: offsets, data: data)
    }

    /// Rows `from..<from+count` of a column (list elements that start past zero).
    private static func slice(_ column: Column, from start: Int, count: Int) -> Column {
        column.take((0..<count).map { Int32(start + $0) })
    }

    private static func elementTypeOf(_ type: DataType) -> DataType {
        switch type {
        case .list(let element): element
        case .map(let key, let value): ColumnBuilder.mapEntryType(key: key, value: value)
        default: type
        }
    }

    private static func tooLarge(_ type: DataType) -> SluiceError {
        SluiceError(
            domain: .query, code: "execution.columnTooLarge",
            message: "A \(type) column gathered in memory holds more than 2 GiB of values, the most one column can hold.",
            hint: "Work on fewer or shorter values, e.g. select only the columns you need.")
    }
}
