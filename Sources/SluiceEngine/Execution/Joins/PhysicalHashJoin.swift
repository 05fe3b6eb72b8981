import Synchronization
public import SluiceCore

/// An equi-join by hashing. On the first ``next()`` it drains the right (build) lanes in
/// parallel into one batch and a key table (the planner puts the smaller input on the right);
/// then the left (probe) lanes are probed in parallel, each step making at most 65,536
/// candidate pairs, so a many-to-many join streams. The residual `filter` (the non-equality
/// part of `ON`) decides among candidate pairs before matches are counted, so a left join with
/// a filter still emits its unmatched left rows with nulls. Null keys never match.
///
/// Output: left columns then right columns (semi and anti joins: left columns only).
///
/// Memory: the build side stays in memory whole and does not spill; when its rows and key
/// table pass the query's memory limit, the join fails with an error naming the sizes.
public final class PhysicalHashJoin: PhysicalOperator {
    public let schema: Schema
    private let left: [any PhysicalOperator]
    private let right: [any PhysicalOperator]
    private let leftKeys: [Int]
    private let rightKeys: [Int]
    private let type: JoinType
    private let filter: JoinFilter?
    private let threads: Int
    private let reservation: MemoryReservation
    private var runner: JoinRunner?

    public init(
        left: [any PhysicalOperator], right: [any PhysicalOperator], leftKeys: [Int], rightKeys: [Int],
        type: JoinType, filter: JoinFilter?, threads: Int, context: ExecutionContext = ExecutionContext()
    ) throws(SluiceError) {
        guard let leftSchema = left.first?.schema, let rightSchema = right.first?.schema else {
            throw SluiceError.internal("A hash join needs at least one lane on each side.", domain: .query)
        }
        guard !leftKeys.isEmpty, leftKeys.count == rightKeys.count else {
            throw SluiceError.internal("A hash join got \(leftKeys.count) left keys and \(rightKeys.count) right keys.", domain: .query)
        }
        for (position, (leftKey, rightKey)) in zip(leftKeys, rightKeys).enumerated() {
            guard leftKey >= 0, leftKey < leftSchema.count, rightKey >= 0, rightKey < rightSchema.count else {
                throw SluiceError.internal("Hash join key \(position + 1) refers to a missing column (#\(leftKey)=#\(rightKey)).",
                                           domain: .query)
            }
            let leftType = leftSchema.fields[leftKey].type
            let rightType = rightSchema.fields[rightKey].type
            guard leftType == rightType else {
                throw SluiceError.internal(
                    "Hash join key \(position + 1) compares \(leftType) (left #\(leftKey)) with \(rightType) (right #\(rightKey)); "
                        + "the planner casts join keys to one type.", domain: .query)
            }
        }
        _ = try KeyLayout.choose(for: leftKeys.map { leftSchema.fields[$0].type }, operatorName: "JOIN")
        self.left = left
        self.right = right
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.type = type
        self.filter = filter
        self.threads = max(1, threads)
        reservation = MemoryReservation(context.memory)
        schema = JoinSpecification.outputSchema(left: leftSchema, right: rightSchema, type: type)
    }

    /// Bytes held by the build side (its rows, key table and row lists) once built.
    public private(set) var memoryUsedBytes = 0

    public func next() throws(SluiceError) -> RecordBatch? {
        if runner == nil { runner = try build() }
        guard let batch = try runner?.next() else {
            runner = nil
            reservation.release()
            return nil
        }
        return batch
    }

    private func build() throws(SluiceError) -> JoinRunner {
        let rightSchema = right[0].schema
        let collected = Mutex<[RecordBatch]>([])
        let reservation = self.reservation
        try LaneDriver.drain(right, threads: threads) { _, batch throws(SluiceError) in
            // The rows, then their concatenated copy, both held at once.
            guard reservation.tryGrow(by: 2 * batch.estimatedByteCount) else {
                throw Self.overLimit(neededBytes: reservation.bytes + 2 * batch.estimatedByteCount, reservation: reservation)
            }
            collected.withLock { $0.append(batch) }
        }
        let batch = try ColumnConcatenation.concatenate(collected.withLock { $0 }, schema: rightSchema)
        collected.withLock { $0 = [] }
        reservation.resize(to: batch.estimatedByteCount)
        let side = try JoinBuildSide(batch: batch, keys: rightKeys)
        memoryUsedBytes = side.memoryUsedBytes + batch.estimatedByteCount
        guard reservation.tryResize(to: memoryUsedBytes) else {
            throw Self.overLimit(neededBytes: memoryUsedBytes, reservation: reservation)
        }
        let leftSchema = left[0].schema
        let join = JoinSpecification(
            type: type, filter: filter, build: side, leftKeys: leftKeys, usesKeys: true, outputSchema: schema,
            pairSchema: Schema(leftSchema.fields + rightSchema.fields))
        return JoinRunner(join: join, lanes: left, leftSchema: leftSchema, threads: threads)
    }

    private static func overLimit(neededBytes: Int, reservation: MemoryReservation) -> SluiceError {
        .memoryLimitExceeded(
            "The hash join's build side (its smaller input, held in memory)", neededBytes: neededBytes, reservation: reservation,
            remedy: "hash joins do not spill to disk, so filtering the smaller input or selecting fewer of its columns also helps.")
    }

    public var explainLine: String {
        let keys = zip(leftKeys, rightKeys).map { "#\($0)=#\($1)" }.joined(separator: ", ")
        return "HashJoin type=\(type.rawValue) keys=[\(keys)]" + (filter == nil ? "" : " filter")
    }

    public var children: [any PhysicalOperator] { [left[0], right[0]] }
}
