import SluiceCore
import SluiceEngine
import SluiceTestSupport
import Testing

/// Helpers for the hash operator tests: batches from boxed rows, lanes, draining an operator,
/// and comparing rows regardless of order.
enum HashTestSupport {
    static func batch(_ schema: Schema, _ rows: [[Value]]) throws -> RecordBatch {
        let builder = RecordBatchBuilder(schema: schema)
        for row in rows { try builder.append(row: row) }
        return builder.finish()
    }

    /// `rows` dealt round-robin into `laneCount` lanes of batches of `batchRows` rows.
    static func lanes(_ schema: Schema, _ rows: [[Value]], laneCount: Int, batchRows: Int = 100) throws -> [any PhysicalOperator] {
        var laneRows = [[[Value]]](repeating: [], count: laneCount)
        for (index, row) in rows.enumerated() { laneRows[(index / batchRows) % laneCount].append(row) }
        var lanes: [any PhysicalOperator] = []
        for rows in laneRows {
            var batches: [RecordBatch] = []
            var start = 0
            while start < rows.count {
                batches.append(try batch(schema, Array(rows[start..<min(rows.count, start + batchRows)])))
                start += batchRows
            }
            lanes.append(BatchesOperator(schema: schema, batches: batches))
        }
        return lanes
    }

    /// Every batch of `operator`, checking that none is empty and each matches the schema.
    static func drain(_ physical: any PhysicalOperator) throws -> [RecordBatch] {
        var batches: [RecordBatch] = []
        while let batch = try physical.next() {
            guard batch.count > 0, batch.schema == physical.schema else {
                throw SluiceError.internal("Bad batch: \(batch.count) rows, schema \(batch.schema)")
            }
            batches.append(batch)
        }
        return batches
    }

    static func rows(_ physical: any PhysicalOperator) throws -> [[Value]] { try drain(physical).flatMap(\.rows) }

    /// Rows in a fixed order (by their text), to compare results that come in any order.
    static func sorted(_ rows: [[Value]]) -> [[Value]] {
        rows.sorted { left, right in
            for (a, b) in zip(left, right) {
                switch (a.isNull, b.isNull) {
                case (true, true): continue
                case (true, false): return true
                case (false, true): return false
                case (false, false):
                    switch a.compare(to: b) ?? .equal {
                    case .less: return true
                    case .greater: return false
                    case .equal: continue
                    }
                }
            }
            return false
        }
    }

    /// Records an issue unless `actual` and `expected` hold the same rows, in any order
    /// (counted through a dictionary: sorting boxed rows is slow in debug builds).
    static func expectSameRows(
        _ actual: [[Value]], _ expected: [[Value]], _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var counts: [[Value]: Int] = [:]
        for row in expected { counts[row, default: 0] += 1 }
        for row in actual { counts[row, default: 0] -= 1 }
        let differences = counts.filter { $0.value != 0 }
        guard let first = differences.first else { return }
        let what = first.value > 0 ? "missing \(first.value)×" : "unexpected \(-first.value)×"
        Issue.record(
            Comment(rawValue: "\(context): \(differences.count) rows differ (expected \(expected.count), got \(actual.count)); "
                + "\(what) \(first.key)"),
            sourceLocation: sourceLocation)
    }

    /// The error `body` throws, or nil.
    static func error(_ body: () throws -> Void) -> SluiceError? {
        do {
            try body()
            return nil
        } catch let error as SluiceError {
            return error
        } catch {
            return SluiceError.internal("unexpected \(error)")
        }
    }
}
