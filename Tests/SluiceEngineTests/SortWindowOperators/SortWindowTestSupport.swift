import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport

/// Helpers for the sort, limit, union and window tests: batches from boxed rows, lanes, and
/// straightforward reference orderings built on `Value.compare`.
enum SortWindowTestSupport {
    /// A batch of `schema` holding `rows`.
    static func batch(_ schema: Schema, _ rows: [[Value]]) throws -> RecordBatch {
        let builder = RecordBatchBuilder(schema: schema, capacity: rows.count)
        for row in rows { try builder.append(row: row) }
        return builder.finish()
    }

    /// Rows split into `laneCount` lanes (round robin by chunks), each lane as batches of random sizes.
    static func lanes(
        _ schema: Schema, _ rows: [[Value]], laneCount: Int, using random: inout SeededRandom
    ) throws -> (lanes: [any PhysicalOperator], laneRows: [[[Value]]]) {
        var laneRows = [[[Value]]](repeating: [], count: laneCount)
        var index = 0
        while index < rows.count {
            let chunk = min(rows.count - index, Int.random(in: 1...40, using: &random))
            let lane = Int.random(in: 0..<laneCount, using: &random)
            laneRows[lane].append(contentsOf: rows[index..<index + chunk])
            index += chunk
        }
        var lanes: [any PhysicalOperator] = []
        for rowsOfLane in laneRows {
            var batches: [RecordBatch] = []
            var start = 0
            while start < rowsOfLane.count {
                let size = min(rowsOfLane.count - start, Int.random(in: 1...50, using: &random))
                batches.append(try batch(schema, Array(rowsOfLane[start..<start + size])))
                start += size
            }
            lanes.append(BatchesOperator(schema: schema, batches: batches))
        }
        return (lanes, laneRows)
    }

    /// Every row an operator returns, checking batch sizes on the way.
    static func drain(_ source: any PhysicalOperator) throws -> (rows: [[Value]], batches: Int) {
        var rows: [[Value]] = []
        var batches = 0
        while let batch = try source.next() {
            precondition(batch.count > 0 && batch.count <= 65_536, "batch of \(batch.count) rows")
            rows.append(contentsOf: batch.rows)
            batches += 1
        }
        return (rows, batches)
    }

    /// SQL order of two values for a key (nulls placed per key, NaN largest).
    static func compare(_ left: Value, _ right: Value, key: SortKey) -> Int {
        if left.isNull || right.isNull {
            if left.isNull && right.isNull { return 0 }
            return left.isNull == key.nullsFirst ? -1 : 1
        }
        let order: Int
        switch left.compare(to: right) {
        case .less: order = -1
        case .equal: order = 0
        case .greater: order = 1
        case nil: preconditionFailure("incomparable \(left) \(right)")
        }
        return key.isAscending ? order : -order
    }

    static func compareRows(_ left: [Value], _ right: [Value], keys: [SortKey]) -> Int {
        for key in keys {
            let order = compare(left[key.column], right[key.column], key: key)
            if order != 0 { return order }
        }
        return 0
    }

    /// Rows of lanes sorted stably: by keys, then lane, then arrival within the lane.
    static func referenceSort(_ laneRows: [[[Value]]], keys: [SortKey]) -> [[Value]] {
        var tagged: [(lane: Int, index: Int, row: [Value])] = []
        for (lane, rows) in laneRows.enumerated() {
            for (index, row) in rows.enumerated() { tagged.append((lane, index, row)) }
        }
        tagged.sort { a, b in
            let order = compareRows(a.row, b.row, keys: keys)
            if order != 0 { return order < 0 }
            return (a.lane, a.index) < (b.lane, b.index)
        }
        return tagged.map(\.row)
    }

    /// `count` values of `type`, drawn from a small pool so that ties are common, with nulls.
    static func values(of type: DataType, count: Int, poolSize: Int, using random: inout SeededRandom) -> [Value] {
        var pool: [Value] = [.null]
        for _ in 0..<poolSize {
            pool.append(RandomData.value(of: type, nullable: false, nullRate: 0, allowNonFinite: true, using: &random))
        }
        return (0..<count).map { _ in pool.randomElement(using: &random) ?? .null }
    }
}
