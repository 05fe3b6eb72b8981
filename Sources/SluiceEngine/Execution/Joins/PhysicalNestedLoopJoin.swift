public import SluiceCore

/// A join without equality keys: every left row against every right row (a cross join when
/// `filter` is nil), for all join types. The right input is gathered whole on the first
/// ``next()``; the left lanes are probed in parallel, at most 65,536 candidate pairs per step.
public final class PhysicalNestedLoopJoin: PhysicalOperator {
    public let schema: Schema
    private let left: [any PhysicalOperator]
    private let right: any PhysicalOperator
    private let type: JoinType
    private let filter: JoinFilter?
    private let threads: Int
    private var runner: JoinRunner?

    public init(
        left: [any PhysicalOperator], right: any PhysicalOperator, type: JoinType, filter: JoinFilter?, threads: Int
    ) throws(SluiceError) {
        guard let leftSchema = left.first?.schema else {
            throw SluiceError.internal("A nested-loop join needs at least one left lane.", domain: .query)
        }
        self.left = left
        self.right = right
        self.type = type
        self.filter = filter
        self.threads = max(1, threads)
        schema = JoinSpecification.outputSchema(left: leftSchema, right: right.schema, type: type)
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        if runner == nil {
            var batches: [RecordBatch] = []
            while let batch = try right.next() { batches.append(batch) }
            let side = JoinBuildSide(batch: try ColumnConcatenation.concatenate(batches, schema: right.schema))
            let leftSchema = left[0].schema
            let join = JoinSpecification(
                type: type, filter: filter, build: side, leftKeys: [], usesKeys: false, outputSchema: schema,
                pairSchema: Schema(leftSchema.fields + right.schema.fields))
            runner = JoinRunner(join: join, lanes: left, leftSchema: leftSchema, threads: threads)
        }
        return try runner?.next()
    }

    public var explainLine: String { "NestedLoopJoin type=\(type.rawValue)" + (filter == nil ? "" : " filter") }

    public var children: [any PhysicalOperator] { [left[0], right] }
}
