public import SluiceCore

/// A source of batches already in memory: `VALUES`, results of subqueries run before the
/// main plan, and tests.
public final class BatchesOperator: PhysicalOperator {
    public let schema: Schema
    private let batches: [RecordBatch]
    private var position = 0

    public init(schema: Schema, batches: [RecordBatch]) {
        self.schema = schema
        self.batches = batches.filter { $0.count > 0 }
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        guard position < batches.count else { return nil }
        defer { position += 1 }
        return batches[position]
    }

    public var explainLine: String { "Batches rows=\(batches.reduce(0) { $0 + $1.count })" }
    public var children: [any PhysicalOperator] { [] }
}
