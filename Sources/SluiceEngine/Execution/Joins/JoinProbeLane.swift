import SluiceCore

/// One probe (left) lane of a join: pulls its input a batch at a time and turns each batch
/// into output in steps of at most ``JoinSpecification/maximumPairs`` candidate pairs.
/// Candidates come from the build side's key groups (hash join) or from every build row
/// (nested-loop join); the residual filter then keeps some, and the join type decides what
/// is emitted (pairs, unmatched left rows with nulls, or left rows only for semi and anti joins).
///
/// `@unchecked Sendable`: each lane is stepped by one thread at a time (``JoinRunner`` hands
/// distinct lanes to the threads of a round).
final class JoinProbeLane: @unchecked Sendable {
    private let input: any PhysicalOperator
    private(set) var isExhausted = false
    private var batch: RecordBatch?
    /// Hash join: each row's key group on the build side (-1: none).
    private var groups: [Int32] = []
    private var nullKeyRows: [Bool]?
    /// Hash join: next left row; nested loop: next pair index (left row × build rows).
    private var position = 0
    /// Hash join: position inside the current row's build rows.
    private var matchIndex = 0
    private var matchedLeft: [Bool] = []
    /// Right and full joins: build rows this lane matched.
    private(set) var matchedRight: [Bool] = []

    init(input: any PhysicalOperator) { self.input = input }

    /// The next non-empty output batch of this lane, or nil once its input is exhausted.
    func step(_ join: JoinSpecification) throws(SluiceError) -> RecordBatch? {
        if join.tracksMatchedRight && matchedRight.count != join.build.rowCount {
            matchedRight = [Bool](repeating: false, count: join.build.rowCount)
        }
        while true {
            if batch == nil {
                guard let next = try input.next() else {
                    isExhausted = true
                    return nil
                }
                start(next, join)
            }
            if let output = try produce(join), output.count > 0 { return output }
        }
    }

    private func start(_ next: RecordBatch, _ join: JoinSpecification) {
        batch = next
        position = 0
        matchIndex = 0
        if join.usesKeys, let table = join.build.table {
            let prepared = table.prepare(join.leftKeys.map { next.columns[$0] }, rowCount: next.count)
            groups = table.find(prepared)
            nullKeyRows = prepared.nullRows
        }
        matchedLeft = join.filter != nil || join.emitsUnmatchedLeft ? [Bool](repeating: false, count: next.count) : []
    }

    private func isNullKey(_ row: Int) -> Bool { nullKeyRows?[row] ?? false }

    /// Semi and anti joins without a filter: a row qualifies by its key alone.
    private func qualifiesWithoutFilter(_ row: Int, _ join: JoinSpecification) -> Bool {
        let hasMatch = join.usesKeys ? groups[row] >= 0 : join.build.rowCount > 0
        switch join.type {
        case .leftSemi: return hasMatch
        case .leftAnti: return !hasMatch
        default: return qualifiesForNotIn(row, hasMatch: hasMatch, join)
        }
    }

    /// `NOT IN`: no build row matched, the build side holds no null key, and a null probe key
    /// qualifies only against an empty build side.
    private func qualifiesForNotIn(_ row: Int, hasMatch: Bool, _ join: JoinSpecification) -> Bool {
        if hasMatch || join.build.hasNullKey { return false }
        return !isNullKey(row) || join.build.rowCount == 0
    }

    private func produce(_ join: JoinSpecification) throws(SluiceError) -> RecordBatch? {
        guard let batch else { return nil }
        if join.outputsLeftOnly && join.filter == nil {
            self.batch = nil
            var selected: [Int32] = []
            for row in 0..<batch.count where qualifiesWithoutFilter(row, join) { selected.append(Int32(truncatingIfNeeded: row)) }
            return selected.count == batch.count ? batch : batch.take(selected)
        }
        var leftRows: [Int32] = []
        var rightRows: [Int32] = []
        let isDone = collectCandidates(batch, join, &leftRows, &rightRows)
        if let filter = join.filter, !leftRows.isEmpty {
            try applyFilter(filter, batch, join, &leftRows, &rightRows)
        }
        if !matchedLeft.isEmpty { for row in leftRows { matchedLeft[Int(row)] = true } }
        if join.tracksMatchedRight { for row in rightRows { matchedRight[Int(row)] = true } }
        if isDone { self.batch = nil }
        if join.outputsLeftOnly {
            guard isDone else { return nil }
            var selected: [Int32] = []
            for row in 0..<batch.count {
                let hasMatch = matchedLeft[row]
                let qualifies = switch join.type {
                case .leftSemi: hasMatch
                case .leftAnti: !hasMatch
                default: qualifiesForNotIn(row, hasMatch: hasMatch, join)
                }
                if qualifies { selected.append(Int32(truncatingIfNeeded: row)) }
            }
            return batch.take(selected)
        }
        if isDone && join.emitsUnmatchedLeft {
            for row in 0..<batch.count where !matchedLeft[row] {
                leftRows.append(Int32(truncatingIfNeeded: row))
                rightRows.append(-1)
            }
        }
        return try JoinOutput.pairs(left: batch, leftRows: leftRows, right: join.build.batch, rightRows: rightRows,
                                    schema: join.outputSchema)
    }

    /// Appends candidate pairs up to the step limit; true when the batch has no more.
    private func collectCandidates(
        _ batch: RecordBatch, _ join: JoinSpecification, _ leftRows: inout [Int32], _ rightRows: inout [Int32]
    ) -> Bool {
        let limit = JoinSpecification.maximumPairs
        if join.usesKeys {
            let count = batch.count
            leftRows.reserveCapacity(min(limit, count))
            rightRows.reserveCapacity(min(limit, count))
            var position = self.position
            var matchIndex = self.matchIndex
            join.build.groupStarts.withUnsafeBufferPointer { starts in
                join.build.groupRows.withUnsafeBufferPointer { buildRows in
                    groups.withUnsafeBufferPointer { groups in
                        while position < count && leftRows.count < limit {
                            let group = Int(groups[position])
                            if group < 0 {
                                position += 1
                                continue
                            }
                            let first = Int(starts[group]) + matchIndex
                            let end = Int(starts[group + 1])
                            let taken = min(end - first, limit - leftRows.count)
                            let row = Int32(truncatingIfNeeded: position)
                            for index in first..<first + taken {
                                leftRows.append(row)
                                rightRows.append(buildRows[index])
                            }
                            matchIndex += taken
                            if first + taken == end {
                                position += 1
                                matchIndex = 0
                            }
                        }
                    }
                }
            }
            self.position = position
            self.matchIndex = matchIndex
            return position >= count
        }
        let buildCount = join.build.rowCount
        let total = batch.count * buildCount
        let end = min(total, position + limit)
        if position < end {
            leftRows.reserveCapacity(end - position)
            rightRows.reserveCapacity(end - position)
            for pair in position..<end {
                leftRows.append(Int32(truncatingIfNeeded: pair / buildCount))
                rightRows.append(Int32(truncatingIfNeeded: pair % buildCount))
            }
        }
        position = end
        return position >= total
    }

    /// Keeps the candidate pairs the residual filter accepts (null counts as false).
    private func applyFilter(
        _ filter: JoinFilter, _ batch: RecordBatch, _ join: JoinSpecification, _ leftRows: inout [Int32], _ rightRows: inout [Int32]
    ) throws(SluiceError) {
        let candidates = try RecordBatch(
            schema: join.pairSchema,
            columns: batch.columns.map { $0.take(leftRows) } + join.build.batch.columns.map { $0.take(rightRows) })
        let verdict = try filter(candidates)
        guard verdict.count == leftRows.count, case .boolean(let bits) = verdict.storage else {
            throw SluiceError.internal(
                "A join filter returned \(verdict.count) values of \(verdict.type) for \(leftRows.count) candidate rows.", domain: .query)
        }
        var kept = 0
        for index in 0..<leftRows.count where bits[index] && !verdict.isNull(index) {
            leftRows[kept] = leftRows[index]
            rightRows[kept] = rightRows[index]
            kept += 1
        }
        leftRows.removeLast(leftRows.count - kept)
        rightRows.removeLast(rightRows.count - kept)
    }
}

/// Gathering joined rows into output batches.
enum JoinOutput {
    /// Left rows `leftRows` beside right rows `rightRows` (-1: nulls on that side).
    static func pairs(
        left: RecordBatch, leftRows: [Int32], right: RecordBatch, rightRows: [Int32], schema: Schema
    ) throws(SluiceError) -> RecordBatch {
        let rightMissing = rightRows.contains { $0 < 0 }
        let leftMissing = leftRows.contains { $0 < 0 }
        // Every left row once, in order (a key join where each row matched one build row): no gather.
        let leftWhole = leftRows.count == left.count && leftRows.indices.allSatisfy { leftRows[$0] == Int32(truncatingIfNeeded: $0) }
        let leftColumns = leftWhole ? left.columns : left.columns.map { leftMissing ? $0.takeOrNull(leftRows) : $0.take(leftRows) }
        let rightColumns = right.columns.map { rightMissing ? $0.takeOrNull(rightRows) : $0.take(rightRows) }
        return try RecordBatch(schema: schema, columns: leftColumns + rightColumns)
    }
}
