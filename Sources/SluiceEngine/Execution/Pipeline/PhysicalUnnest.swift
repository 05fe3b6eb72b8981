public import SluiceCore

/// `CROSS JOIN UNNEST(arrays…)`: each input row repeated once per element of its longest
/// array, with the arrays' elements side by side (shorter ones padded with nulls; a map gives
/// key and value columns, an array of rows one column per field), and optionally the 1-based
/// ordinality. Rows whose arrays are all empty or null produce nothing.
public final class PhysicalUnnest: PhysicalOperator {
    let input: any PhysicalOperator
    let arrays: [BoundExpression]
    let withOrdinality: Bool
    public let schema: Schema

    public init(input: any PhysicalOperator, arrays: [BoundExpression], withOrdinality: Bool, schema: Schema) {
        self.input = input
        self.arrays = arrays
        self.withOrdinality = withOrdinality
        self.schema = schema
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        while let batch = try input.next() {
            let evaluated = try arrays.map { array throws(SluiceError) in try ExpressionEvaluator.evaluate(array, on: batch) }
            var lists: [(offsets: [Int32], values: Column, column: Column)] = []
            for column in evaluated {
                guard case .list(let offsets, let values) = column.storage else {
                    throw SluiceError.internal("UNNEST got a \(column.type) column instead of an array or map.", domain: .query)
                }
                lists.append((offsets, values, column))
            }
            var rowIndices: [Int32] = []
            var elementIndices = [[Int32]](repeating: [], count: lists.count)
            var ordinals: [Int64] = []
            for row in 0..<batch.count {
                var length = 0
                for list in lists where !list.column.isNull(row) {
                    length = max(length, Int(list.offsets[row + 1] - list.offsets[row]))
                }
                for position in 0..<length {
                    rowIndices.append(Int32(row))
                    for (index, list) in lists.enumerated() {
                        let start = Int(list.offsets[row])
                        let available = list.column.isNull(row) ? 0 : Int(list.offsets[row + 1]) - start
                        elementIndices[index].append(position < available ? Int32(start + position) : -1)
                    }
                    ordinals.append(Int64(position + 1))
                }
            }
            if rowIndices.isEmpty { continue }
            var columns = batch.columns.map { $0.take(rowIndices) }
            for (index, list) in lists.enumerated() {
                let elements = list.values.takeOrNull(elementIndices[index])
                if Self.expandsFields(list.column.type), case .structure(let fields) = elements.storage {
                    // Map entries (struct<key, value>) and rows give one column per field.
                    for child in fields {
                        columns.append(Column(type: child.type, count: elements.count,
                                              validity: Self.combined(child, elements), storage: child.storage))
                    }
                } else {
                    columns.append(elements)
                }
            }
            if withOrdinality {
                columns.append(Column(type: .int64, count: ordinals.count, validity: nil, storage: .int64(ordinals)))
            }
            return try RecordBatch(schema: schema, columns: columns)
        }
        return nil
    }

    /// Maps and arrays of rows unnest into several columns.
    static func expandsFields(_ type: DataType) -> Bool {
        switch type {
        case .map: true
        case .list(.struct(let fields)): !fields.isEmpty
        default: false
        }
    }

    /// A map entry's field is null where the entry itself is (padding) or the field is.
    private static func combined(_ child: Column, _ parent: Column) -> Bitmap? {
        guard parent.validity != nil || child.validity != nil else { return nil }
        var builder = BitmapBuilder(capacity: child.count)
        for index in 0..<child.count { builder.append(!child.isNull(index) && !parent.isNull(index)) }
        return builder.finish()
    }

    public var explainLine: String {
        "Unnest " + arrays.map(\.displayText).joined(separator: ", ") + (withOrdinality ? " WITH ORDINALITY" : "")
    }

    public var children: [any PhysicalOperator] { [input] }
}
