import SluiceCore

extension Column {
    /// The values of `columns` (all of `type`) one after another, copied buffer by buffer.
    static func concatenate(_ columns: [Column], type: DataType) -> Column {
        if columns.count == 1 { return columns[0] }
        let count = columns.reduce(0) { $0 + $1.count }
        var validity: Bitmap?
        if columns.contains(where: { $0.nullCount > 0 }) {
            var builder = BitmapBuilder(capacity: count)
            for column in columns {
                for row in 0..<column.count { builder.append(!column.isNull(row)) }
            }
            validity = builder.finish()
        }
        let storage: ColumnStorage
        switch columns.first?.storage ?? ColumnBuilder(type: type).finish().storage {
        case .boolean:
            var builder = BitmapBuilder(capacity: count)
            for column in columns {
                guard case .boolean(let bits) = column.storage else { continue }
                for row in 0..<column.count { builder.append(bits[row]) }
            }
            storage = .boolean(builder.finish())
        case .int8: storage = .int8(columns.flatMap { Int8.values(of: $0.storage) ?? [] })
        case .int16: storage = .int16(columns.flatMap { Int16.values(of: $0.storage) ?? [] })
        case .int32: storage = .int32(columns.flatMap { Int32.values(of: $0.storage) ?? [] })
        case .int64: storage = .int64(columns.flatMap { Int64.values(of: $0.storage) ?? [] })
        case .float32: storage = .float32(columns.flatMap { Float.values(of: $0.storage) ?? [] })
        case .float64: storage = .float64(columns.flatMap { Double.values(of: $0.storage) ?? [] })
        case .decimal: storage = .decimal(columns.flatMap { Int128.values(of: $0.storage) ?? [] })
        case .bytes:
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(count + 1)
            var data: [UInt8] = []
            for column in columns {
                guard case .bytes(let columnOffsets, let columnData) = column.storage else { continue }
                let base = Int32(truncatingIfNeeded: data.count)
                let first = columnOffsets[0]
                for row in 0..<column.count { offsets.append(base + columnOffsets[row + 1] - first) }
                data.append(contentsOf: columnData[Int(first)..<Int(columnOffsets[column.count])])
            }
            storage = .bytes(offsets: offsets, data: data)
        case .structure(let firstChildren):
            storage = .structure(firstChildren.indices.map { field in
                let children = columns.compactMap { column -> Column? in
                    guard case .structure(let children) = column.storage else { return nil }
                    return children[field]
                }
                return concatenate(children, type: children[0].type)
            })
        case .list(_, let firstValues):
            var offsets: [Int32] = [0]
            var valueColumns: [Column] = []
            var base: Int32 = 0
            for column in columns {
                guard case .list(let columnOffsets, let values) = column.storage else { continue }
                let first = columnOffsets[0]
                for row in 0..<column.count { offsets.append(base + columnOffsets[row + 1] - first) }
                let used = Int(columnOffsets[column.count] - first)
                valueColumns.append(first == 0 && used == values.count
                    ? values : values.take((Int32(first)..<Int32(first) + Int32(used)).map { $0 }))
                base += Int32(used)
            }
            storage = .list(offsets: offsets, values: concatenate(valueColumns, type: firstValues.type))
        }
        return Column(type: type, count: count, validity: validity, storage: storage)
    }

    /// The values at `indices`, with a null wherever an index is negative (the unmatched side
    /// of an outer join).
    func takeOrNull(_ indices: [Int32]) -> Column {
        if count == 0 { return Column.nulls(type, count: indices.count) }
        var hasMissing = false
        var safe = indices
        for position in safe.indices where safe[position] < 0 {
            safe[position] = 0
            hasMissing = true
        }
        let taken = take(safe)
        guard hasMissing else { return taken }
        var validity = BitmapBuilder(capacity: indices.count)
        for (position, index) in indices.enumerated() { validity.append(index >= 0 && !taken.isNull(position)) }
        return Column(type: type, count: indices.count, validity: validity.finish(), storage: taken.storage)
    }
}

extension RecordBatch {
    /// All rows of `batches` (of `schema`) in one batch.
    static func concatenate(_ batches: [RecordBatch], schema: Schema) throws(SluiceError) -> RecordBatch {
        if batches.count == 1 { return batches[0] }
        if batches.isEmpty { return RecordBatch.empty(schema) }
        let columns = schema.fields.indices.map { field in
            Column.concatenate(batches.map { $0.columns[field] }, type: schema.fields[field].type)
        }
        return try RecordBatch(schema: schema, columns: columns)
    }
}
