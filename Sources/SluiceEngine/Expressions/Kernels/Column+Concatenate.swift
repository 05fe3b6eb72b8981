import SluiceCore

extension Column {
    /// The rows of `columns` (all of `type`) one after another.
    static func concatenate(_ columns: [Column], type: DataType) -> Column {
        if columns.count == 1 { return columns[0] }
        let total = columns.reduce(0) { $0 + $1.count }
        var validity: Bitmap?
        if columns.contains(where: { $0.validity != nil }) {
            var builder = BitmapBuilder(capacity: total)
            for column in columns {
                if let bits = column.validity {
                    for index in 0..<column.count { builder.append(bits[index]) }
                } else {
                    builder.append(true, count: column.count)
                }
            }
            validity = builder.finish()
        }
        return Column(type: type, count: total, validity: validity, storage: concatenateStorage(columns, type: type, total: total))
    }

    private static func concatenateStorage(_ columns: [Column], type: DataType, total: Int) -> ColumnStorage {
        switch type {
        case .boolean:
            var builder = BitmapBuilder(capacity: total)
            for column in columns {
                guard case .boolean(let bits) = column.storage else { continue }
                for index in 0..<column.count { builder.append(bits[index]) }
            }
            return .boolean(builder.finish())
        case .int8: return .int8(flatten(columns, Int8.self))
        case .int16: return .int16(flatten(columns, Int16.self))
        case .int32, .date: return .int32(flatten(columns, Int32.self))
        case .int64, .timestamp: return .int64(flatten(columns, Int64.self))
        case .float32: return .float32(flatten(columns, Float.self))
        case .float64: return .float64(flatten(columns, Double.self))
        case .decimal: return .decimal(flatten(columns, Int128.self))
        case .string, .binary:
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(total + 1)
            var data: [UInt8] = []
            for column in columns {
                guard column.count > 0, case .bytes(let columnOffsets, let columnData) = column.storage else { continue }
                let base = Int32(truncatingIfNeeded: data.count) - columnOffsets[0]
                data.append(contentsOf: columnData[Int(columnOffsets[0])..<Int(columnOffsets[column.count])])
                for index in 1...column.count { offsets.append(columnOffsets[index] + base) }
            }
            return .bytes(offsets: offsets, data: data)
        case .struct(let fields):
            var children: [Column] = []
            for (fieldIndex, field) in fields.enumerated() {
                let parts = columns.compactMap { column -> Column? in
                    guard case .structure(let columnChildren) = column.storage else { return nil }
                    return columnChildren[fieldIndex]
                }
                children.append(concatenate(parts, type: field.type))
            }
            return .structure(children)
        case .list, .map:
            var offsets: [Int32] = [0]
            offsets.reserveCapacity(total + 1)
            var parts: [Column] = []
            var elementCount: Int32 = 0
            let elementType: DataType
            switch type {
            case .list(let element): elementType = element
            case .map(let key, let value): elementType = ColumnBuilder.mapEntryType(key: key, value: value)
            default: elementType = type
            }
            for column in columns {
                guard column.count > 0, case .list(let columnOffsets, let values) = column.storage else { continue }
                let first = columnOffsets[0]
                let last = columnOffsets[column.count]
                parts.append(values.slice(Int(first)..<Int(last)))
                for index in 1...column.count { offsets.append(columnOffsets[index] - first + elementCount) }
                elementCount += last - first
            }
            return .list(offsets: offsets, values: concatenate(parts, type: elementType))
        }
    }

    private static func flatten<T: ColumnElement>(_ columns: [Column], _: T.Type) -> [T] {
        var result: [T] = []
        result.reserveCapacity(columns.reduce(0) { $0 + $1.count })
        for column in columns {
            if let values = T.values(in: column.storage) { result.append(contentsOf: values) }
        }
        return result
    }

    /// Rows `range` of this column.
    func slice(_ range: Range<Int>) -> Column {
        if range.lowerBound == 0 && range.upperBound == count { return self }
        return take((Int32(range.lowerBound)..<Int32(range.upperBound)).map { $0 })
    }

    /// Rows at `indices`, where an index of -1 gives a null.
    func take(nullable indices: [Int32]) -> Column {
        guard indices.contains(-1) else { return take(indices) }
        if count == 0 { return Column.nulls(type, count: indices.count) }
        let taken = take(indices.map { max($0, 0) })
        let present = Bitmap.fromPredicate(count: indices.count) { indices[$0] >= 0 }
        return taken.addingNulls(present)
    }
}
