import SluiceCore
import SluiceFormats
import SluiceTestSupport

/// Files and predicates for the row-group pruning tests.
enum RowGroupFilterTestSupport {
    /// Writes each element of `groups` as one row group of a Parquet file at `path`.
    static func write(_ groups: [[[Value]]], schema: Schema, to path: String) throws {
        var options = ParquetWriteOptions()
        options.rowGroupRows = 1
        let writer = try ParquetWriter(path: path, schema: schema, options: options)
        for rows in groups {
            let builder = RecordBatchBuilder(schema: schema)
            for row in rows { try builder.append(row: row) }
            try writer.write(builder.finish())
        }
        try writer.finish()
    }

    /// The row groups of the file at `path` that the filter keeps for `predicate`.
    static func kept(_ predicate: ScanPredicate, path: String) throws -> [Int] {
        let reader = try ParquetReader(path: path)
        return ParquetRowGroupFilter(metadata: reader.metadata, fileSchema: reader.fileSchema).keptRowGroups(predicate)
    }

    /// `path op value`, the path dotted (`device.os`).
    static func compare(_ path: String, _ op: ComparisonOperator, _ value: Value) -> ScanPredicate {
        .compare(column: column(path), op: op, value: value)
    }

    static func column(_ path: String) -> [String] {
        path.split(separator: ".").map(String.init)
    }

    /// Whether a row may satisfy `predicate` under SQL semantics, `lookup` giving a column's
    /// value or nil when the column does not exist. Pairs that do not compare count as
    /// matching, since the filter must keep them.
    static func mightMatch(_ predicate: ScanPredicate, lookup: ([String]) -> Value?) -> Bool {
        switch predicate {
        case .compare(let column, let op, let value):
            guard let cell = lookup(column) else { return true }
            if cell.isNull || value.isNull { return false }
            guard let order = cell.compare(to: value) else { return true }
            return op.holds(for: order)
        case .in(let column, let values):
            return values.contains { mightMatch(.compare(column: column, op: .equal, value: $0), lookup: lookup) }
        case .isNull(let column):
            return lookup(column)?.isNull ?? true
        case .isNotNull(let column):
            return !(lookup(column)?.isNull ?? false)
        case .and(let predicates):
            return predicates.allSatisfy { mightMatch($0, lookup: lookup) }
        case .or(let predicates):
            return predicates.contains { mightMatch($0, lookup: lookup) }
        }
    }

    /// The value at `path` in a row of `schema`: a top-level column, then struct fields (null
    /// inside a null struct); nil for a path the schema does not have.
    static func value(at path: [String], in row: [Value], schema: Schema) -> Value? {
        guard let first = path.first, let index = schema.index(of: first) else { return nil }
        var value = row[index]
        var type = schema.fields[index].type
        for name in path.dropFirst() {
            guard case .struct(let fields) = type, let field = fields.first(where: { $0.name == name }) else { return nil }
            type = field.type
            if case .structure(let members) = value {
                value = members.first { $0.name == name }?.value ?? .null
            } else {
                value = .null
            }
        }
        return value
    }
}
