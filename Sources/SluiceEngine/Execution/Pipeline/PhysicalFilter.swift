public import SluiceCore

/// Keeps the rows where a boolean expression is true (null counts as false).
public final class PhysicalFilter: PhysicalOperator {
    let input: any PhysicalOperator
    let predicate: BoundExpression

    public init(input: any PhysicalOperator, predicate: BoundExpression) {
        self.input = input
        self.predicate = predicate
    }

    public var schema: Schema { input.schema }

    public func next() throws(SluiceError) -> RecordBatch? {
        while let batch = try input.next() {
            let selection = try ExpressionEvaluator.select(predicate, on: batch)
            if selection.isEmpty { continue }
            if selection.count == batch.count { return batch }
            return batch.take(selection)
        }
        return nil
    }

    public var explainLine: String { "Filter \(predicate.displayText)" }
    public var children: [any PhysicalOperator] { [input] }
}
