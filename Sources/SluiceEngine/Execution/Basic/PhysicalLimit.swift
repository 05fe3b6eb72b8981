public import SluiceCore

/// `LIMIT n OFFSET m`: skips the first `offset` rows and passes on at most `limit` rows (all when
/// nil); it stops pulling its input as soon as the limit is reached.
public final class PhysicalLimit: PhysicalOperator {
    public let schema: Schema
    private let input: any PhysicalOperator
    private let limit: Int?
    private let offset: Int
    private var skipped = 0
    private var passed = 0

    public init(input: any PhysicalOperator, limit: Int?, offset: Int) {
        self.input = input
        self.schema = input.schema
        self.limit = limit.map { max(0, $0) }
        self.offset = max(0, offset)
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        while true {
            let remaining = limit.map { $0 - passed } ?? Int.max
            guard remaining > 0, let batch = try input.next() else { return nil }
            var start = 0
            if skipped < offset {
                start = min(batch.count, offset - skipped)
                skipped += start
            }
            let end = start + min(batch.count - start, remaining)
            guard end > start else { continue }
            passed += end - start
            if start == 0, end == batch.count { return batch }
            return try ColumnGather.gather(batch, rows: (start..<end).map { Int32($0) })
        }
    }

    public var explainLine: String {
        var line = "Limit"
        if let limit { line += " limit=\(limit)" }
        if offset > 0 { line += " offset=\(offset)" }
        return line
    }

    public var children: [any PhysicalOperator] { [input] }
}
