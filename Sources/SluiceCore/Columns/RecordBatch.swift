/// A slice of a table: one ``Column`` per schema field, all of the same length.
/// The unit that readers, operators and writers pass along.
public struct RecordBatch: Sendable {
    public let schema: Schema
    public let columns: [Column]
    public let count: Int

    /// Checks that there is one column per field, of the field's type, all `count` long.
    public init(schema: Schema, columns: [Column]) throws(SluiceError) {
        guard schema.count == columns.count else {
            throw SluiceError.internal("A batch with \(schema.count) fields got \(columns.count) columns.")
        }
        let count = columns.first?.count ?? 0
        for (field, column) in zip(schema.fields, columns) {
            guard column.type == field.type else {
                throw SluiceError.internal("Column '\(field.name)' is \(column.type) but the schema says \(field.type).")
            }
            guard column.count == count else {
                throw SluiceError.internal("Column '\(field.name)' has \(column.count) values, the batch \(count).")
            }
        }
        self.schema = schema
        self.columns = columns
        self.count = count
    }

    /// An empty batch of the schema.
    public static func empty(_ schema: Schema) -> RecordBatch {
        RecordBatchBuilder(schema: schema).finish()
    }

    /// The column of the named field.
    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// The first `rowCount` rows (copied through boxed values: for small previews only).
    public func prefix(_ rowCount: Int) -> RecordBatch {
        guard rowCount < count else { return self }
        return take((0..<Int32(max(0, rowCount))).map { $0 })
    }

    /// Row `index` as boxed values, one per column (edges and tests only).
    public func row(_ index: Int) -> [Value] { columns.map { $0.value(at: index) } }

    /// All rows boxed (tests and edges).
    public var rows: [[Value]] { (0..<count).map(row) }
}

/// Builds a ``RecordBatch`` of a schema, one builder per field.
public final class RecordBatchBuilder {
    public let schema: Schema
    public let columns: [ColumnBuilder]

    public init(schema: Schema, capacity: Int = 0) {
        self.schema = schema
        self.columns = schema.fields.map { ColumnBuilder(type: $0.type, capacity: capacity) }
    }

    public var count: Int { columns.first?.count ?? 0 }

    /// Appends one row of boxed values (tests and edges).
    public func append(row: [Value]) throws(SluiceError) {
        guard row.count == columns.count else {
            throw SluiceError(
                domain: .core, code: "batch.rowWidth",
                message: "A row has \(row.count) values but the schema has \(columns.count) columns.")
        }
        for (builder, value) in zip(columns, row) { try builder.append(value: value) }
    }

    public func finish() -> RecordBatch {
        // Builders always produce columns of their own type and equal length when used per row.
        do {
            return try RecordBatch(schema: schema, columns: columns.map { $0.finish() })
        } catch {
            preconditionFailure("RecordBatchBuilder produced an inconsistent batch: \(error)")
        }
    }
}
