public import SluiceCore

/// `UNION ALL`: every row of each input in turn. The inputs' column types are equal (the
/// planner casts them); names come from the first input, and a column is nullable when it is
/// nullable in any input.
public final class PhysicalUnionAll: PhysicalOperator {
    public let schema: Schema
    private let inputs: [any PhysicalOperator]
    private var current = 0

    public init(inputs: [any PhysicalOperator]) {
        self.inputs = inputs
        var fields = inputs.first?.schema.fields ?? []
        for input in inputs.dropFirst() {
            for (index, field) in input.schema.fields.enumerated() where index < fields.count && field.isNullable {
                fields[index].isNullable = true
            }
        }
        self.schema = Schema(fields)
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        while current < inputs.count {
            guard let batch = try inputs[current].next() else {
                current += 1
                continue
            }
            if batch.count == 0 { continue }
            if batch.schema == schema { return batch }
            guard batch.columns.count == schema.count else {
                throw SluiceError.internal(
                    "UNION ALL input \(current + 1) has \(batch.columns.count) columns, the first input \(schema.count).",
                    domain: .query)
            }
            return try RecordBatch(schema: schema, columns: batch.columns)
        }
        return nil
    }

    public var explainLine: String { "UnionAll inputs=\(inputs.count)" }
    public var children: [any PhysicalOperator] { inputs }
}
