public import SluiceCore

/// Computes one output column per expression.
public final class PhysicalProject: PhysicalOperator {
    let input: any PhysicalOperator
    let expressions: [BoundExpression]
    public let schema: Schema

    public init(input: any PhysicalOperator, expressions: [BoundExpression], schema: Schema) {
        self.input = input
        self.expressions = expressions
        self.schema = schema
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        guard let batch = try input.next() else { return nil }
        var columns: [Column] = []
        columns.reserveCapacity(expressions.count)
        for expression in expressions {
            if case .column(let index, _, _) = expression {
                columns.append(batch.columns[index])
            } else {
                columns.append(try ExpressionEvaluator.evaluate(expression, on: batch))
            }
        }
        return try RecordBatch(schema: schema, columns: columns)
    }

    public var explainLine: String {
        "Project " + zip(expressions, schema.names).map { expression, name in
            let text = expression.displayText
            return text == name ? text : "\(text) AS \(name)"
        }.joined(separator: ", ")
    }

    public var children: [any PhysicalOperator] { [input] }
}
