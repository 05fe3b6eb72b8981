public import SluiceCore

/// Presents a reader's batches in a dataset's merged schema: columns matched by name and put
/// in the dataset's order, columns the file lacks filled with nulls, and columns of a
/// narrower type widened (integers, decimals, dates to timestamps, anything to text) the way
/// ``TypeWidening`` merged them. Formats that carry their own schema (Parquet) read through it.
public final class SchemaAdapter: BatchReader {
    public let schema: Schema
    private let reader: any BatchReader
    /// For each dataset field, the reader's column index (nil: the file lacks it).
    private let sources: [Int?]

    public init(reader: any BatchReader, schema: Schema) {
        self.reader = reader
        self.schema = schema
        sources = schema.fields.map { reader.schema.index(of: $0.name) }
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        guard let batch = try reader.next() else { return nil }
        if batch.schema == schema { return batch }
        var columns: [Column] = []
        columns.reserveCapacity(schema.count)
        for (field, source) in zip(schema.fields, sources) {
            guard let source else {
                columns.append(Column.nulls(field.type, count: batch.count))
                continue
            }
            let column = batch.columns[source]
            columns.append(column.type == field.type ? column : try Self.widen(column, to: field.type))
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    public func takeRejected() -> [RejectedRecord] { reader.takeRejected() }

    /// The column's values converted one by one (a rare path: files of one dataset whose
    /// types differ).
    static func widen(_ column: Column, to type: DataType) throws(SluiceError) -> Column {
        let builder = ColumnBuilder(type: type, capacity: column.count)
        for row in 0..<column.count {
            try builder.append(value: widen(column.value(at: row), to: type))
        }
        return builder.finish()
    }

    static func widen(_ value: Value, to type: DataType) -> Value {
        switch (value, type) {
        case (.null, _): return .null
        case (.date(let days), .timestamp): return .timestamp(Int64(days) * 86_400_000_000)
        case (.int(let number), .float32), (.int(let number), .float64): return .double(Double(number))
        case (.decimal(let unscaled, let scale), .float64), (.decimal(let unscaled, let scale), .float32):
            return .double(Double(unscaled) / Double(Value.powerOfTen(scale)))
        case (.list(let elements), .list(let element)): return .list(elements.map { widen($0, to: element) })
        case (.map(let entries), .map(let key, let valueType)):
            return .map(entries.map { MapEntry(widen($0.key, to: key), widen($0.value, to: valueType)) })
        case (.structure(let values), .struct(let fields)):
            return .structure(fields.map { field in
                NamedValue(field.name, widen(values.first { $0.name == field.name }?.value ?? .null, to: field.type))
            })
        case (_, .string):
            if case .string = value { return value }
            return .string(value.displayText)
        default:
            return value
        }
    }
}
