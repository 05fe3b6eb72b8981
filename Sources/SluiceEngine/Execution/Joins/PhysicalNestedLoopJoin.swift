public import SluiceCore

/// A join without equality keys: every left row against every right row (a cross join when
/// `filter` is nil), for all join types. The right input is gathered whole on the first
/// ``next()``; the left lanes are probed in parallel, at most 65,536 candidate pairs per step.
/// The right input must fit the query's memory limit (it does not spill).
public final class PhysicalNestedLoopJoin: PhysicalOperator {
    public let schema: Schema
    private let left: [any PhysicalOperator]
    private let right: any PhysicalOperator
    private let type: JoinType
    private let filter: JoinFilter?
    private let threads: Int
    private let reservation: MemoryReservation
    private var runner: JoinRunner?

    public init(
        left: [any PhysicalOperator], right: any PhysicalOperator, type: JoinType, filter: JoinFilter?, threads: Int,
        context: ExecutionContext = ExecutionContext()
    ) throws(SluiceError) {
        guard let leftSchema = left.first?.schema else {
            throw SluiceError.internal("A nested-loop join needs at least one left lane.", domain: .query)
        }
        self.left = left
        self.right = right
        self.type = type
        self.filter = filter
        self.threads = max(1, threads)
        reservation = MemoryReservation(context.memory)
        schema = JoinSpecification.outputSchema(left: leftSchema, right: right.schema, type: type)
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        if runner == nil {
            var batches: [RecordBatch] = []
            while let batch = try right.next() {
                // The rows, then their concatenated copy.
                let bytes = 2 * batch.estimatedByteCount
                guard reservation.tryGrow(by: bytes) else {
                    throw SluiceError.memoryLimitExceeded(
                        "The nested-loop join's right input (held in memory)", neededBytes: reservation.bytes + bytes,
                        reservation: reservation,
                        remedy: "joins without an equality of keys hold that input in memory and do not spill to disk, so filtering it "
                            + "or joining on a key equality (a.x = b.y) also helps.")
                }
                batches.append(batch)
            }
            let side = JoinBuildSide(batch: try ColumnConcatenation.concatenate(batches, schema: right.schema))
            reservation.resize(to: side.batch.estimatedByteCount)
            let leftSchema = left[0].schema
            let join = JoinSpecification(
                type: type, filter: filter, build: side, leftKeys: [], usesKeys: false, outputSchema: schema,
                pairSchema: Schema(leftSchema.fields + right.schema.fields))
            runner = JoinRunner(join: join, lanes: left, leftSchema: leftSchema, threads: threads)
        }
        guard let batch = try runner?.next() else {
            runner = nil
            reservation.release()
            return nil
        }
        return batch
    }

    public var explainLine: String { "NestedLoopJoin type=\(type.rawValue)" + (filter == nil ? "" : " filter") }

    public var children: [any PhysicalOperator] { [left[0], right] }
}
