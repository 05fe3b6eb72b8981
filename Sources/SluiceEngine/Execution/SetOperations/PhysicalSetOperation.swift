public import SluiceCore

/// `INTERSECT` and `EXCEPT`, `DISTINCT` or `ALL`, by hashing whole rows (nulls compare equal
/// here, as SQL set operations do). Every left row is counted per distinct row, then right
/// rows are counted against those; the output is each distinct left row once (`DISTINCT`:
/// when it is on both sides, or for `EXCEPT` only on the left) or as many times as the counts
/// say (`ALL`: `min(left, right)` for `INTERSECT`, `left - right` for `EXCEPT`), in order of
/// first appearance on the left, in batches of at most 65,536 rows. The distinct left rows must
/// fit the query's memory limit (they do not spill).
public final class PhysicalSetOperation: PhysicalOperator {
    public let schema: Schema
    private let left: any PhysicalOperator
    private let right: any PhysicalOperator
    private let kind: SetOperationKind
    private let isAll: Bool
    private let reservation: MemoryReservation
    private var rows: [Column]?
    private var copies: [Int64] = []
    private var group = 0
    private var copiesLeftOfGroup: Int64 = -1

    static let maximumBatchRows = 65_536

    public init(
        left: any PhysicalOperator, right: any PhysicalOperator, kind: SetOperationKind, isAll: Bool,
        context: ExecutionContext = ExecutionContext()
    ) throws(SluiceError) {
        let leftTypes = left.schema.fields.map(\.type)
        let rightTypes = right.schema.fields.map(\.type)
        guard leftTypes == rightTypes else {
            throw SluiceError.internal(
                "\(kind.rawValue.uppercased()) got columns (\(leftTypes.map(\.description).joined(separator: ", "))) on the left and "
                    + "(\(rightTypes.map(\.description).joined(separator: ", "))) on the right; the planner casts both sides to one row type.",
                domain: .query)
        }
        _ = try KeyLayout.choose(for: leftTypes, operatorName: kind.rawValue.uppercased())
        self.left = left
        self.right = right
        self.kind = kind
        self.isAll = isAll
        reservation = MemoryReservation(context.memory)
        schema = left.schema
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        if rows == nil { try count() }
        guard let rows else { return nil }
        var indices: [Int32] = []
        while group < copies.count && indices.count < Self.maximumBatchRows {
            if copiesLeftOfGroup < 0 { copiesLeftOfGroup = copies[group] }
            let taken = Int(min(copiesLeftOfGroup, Int64(Self.maximumBatchRows - indices.count)))
            indices.append(contentsOf: repeatElement(Int32(truncatingIfNeeded: group), count: taken))
            copiesLeftOfGroup -= Int64(taken)
            if copiesLeftOfGroup == 0 {
                group += 1
                copiesLeftOfGroup = -1
            }
        }
        if indices.isEmpty {
            reservation.release()
            return nil
        }
        return try RecordBatch(schema: schema, columns: rows.map { $0.take(indices) })
    }

    /// Counts the rows of both sides and decides how often each distinct left row is output.
    private func count() throws(SluiceError) {
        let table = try KeyTable(keyTypes: schema.fields.map(\.type), nullsAreKeys: true, operatorName: kind.rawValue.uppercased())
        var leftCounts: [Int64] = []
        while let batch = try left.next() {
            let groups = table.findOrInsert(table.prepare(batch.columns, rowCount: batch.count))
            if leftCounts.count < table.groupCount {
                leftCounts.append(contentsOf: repeatElement(0, count: table.groupCount - leftCounts.count))
            }
            for group in groups { leftCounts[Int(group)] += 1 }
            let bytes = table.memoryUsedBytes + leftCounts.count * 16
            guard reservation.tryResize(to: bytes) else {
                throw SluiceError.memoryLimitExceeded(
                    "\(kind.rawValue.uppercased()), holding the distinct rows of its left input,", neededBytes: bytes, reservation: reservation,
                    remedy: "set operations hold those rows in memory and do not spill to disk, so filtering the left input "
                        + "or selecting fewer columns also helps.")
            }
        }
        var rightCounts = [Int64](repeating: 0, count: table.groupCount)
        while let batch = try right.next() {
            guard table.groupCount > 0 else { continue }
            for group in table.find(table.prepare(batch.columns, rowCount: batch.count)) where group >= 0 {
                rightCounts[Int(group)] += 1
            }
        }
        copies = zip(leftCounts, rightCounts).map { leftCount, rightCount in
            switch (kind, isAll) {
            case (.intersect, false): rightCount > 0 ? 1 : 0
            case (.except, false): rightCount == 0 ? 1 : 0
            case (.intersect, true): min(leftCount, rightCount)
            case (.except, true): max(leftCount - rightCount, 0)
            }
        }
        rows = table.keyColumns(0..<table.groupCount)
    }

    public var explainLine: String { "SetOperation \(kind.rawValue) \(isAll ? "all" : "distinct")" }

    public var children: [any PhysicalOperator] { [left, right] }
}
