import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport
import Testing

/// Counts the batches pulled from it, to check that operators stop pulling early.
final class PullCountingSource: PhysicalOperator {
    let source: any PhysicalOperator
    private(set) var pulls = 0

    init(_ source: any PhysicalOperator) { self.source = source }

    var schema: Schema { source.schema }
    func next() throws(SluiceError) -> RecordBatch? {
        pulls += 1
        return try source.next()
    }
    var explainLine: String { "Counting" }
    var children: [any PhysicalOperator] { [source] }
}

@Suite struct LimitAndUnionTests {
    typealias Support = SortWindowTestSupport

    static let schema = Schema([Field("n", .int64), Field("s", .string)])

    /// Batches of sizes `sizes` holding 0, 1, 2, … with their text.
    static func numbered(_ sizes: [Int]) throws -> (batches: [RecordBatch], rows: [[Value]]) {
        var rows: [[Value]] = []
        var batches: [RecordBatch] = []
        for size in sizes {
            let part = (0..<size).map { offset -> [Value] in
                let number = rows.count + offset
                return [.int(Int64(number)), number % 5 == 0 ? .null : .string("row \(number)")]
            }
            batches.append(try Support.batch(schema, part))
            rows.append(contentsOf: part)
        }
        return (batches, rows)
    }

    @Test(arguments: [(nil, 0), (0, 0), (3, 0), (10, 0), (10, 7), (100, 0), (4, 23), (nil, 12), (5, 1000)] as [(Int?, Int)])
    func limitSkipsOffsetRowsAndStopsAtLimit(limit: Int?, offset: Int) throws {
        let (batches, rows) = try Self.numbered([4, 1, 6, 9, 3, 2])
        let source = PullCountingSource(BatchesOperator(schema: Self.schema, batches: batches))
        let operator_ = PhysicalLimit(input: source, limit: limit, offset: offset)
        let actual = try Support.drain(operator_).rows
        let expected = Array(rows.dropFirst(offset).prefix(limit ?? Int.max))
        expectRowsEqual(actual, expected)
        #expect(try operator_.next() == nil)
        if let limit, limit + offset <= 4 {
            // Everything needed is in the first batch: only one pull (none for LIMIT 0).
            #expect(source.pulls == (limit == 0 ? 0 : 1))
        }
    }

    @Test func limitStopsPullingOnceSatisfied() throws {
        let (batches, _) = try Self.numbered([10, 10, 10, 10])
        let source = PullCountingSource(BatchesOperator(schema: Self.schema, batches: batches))
        let limit = PhysicalLimit(input: source, limit: 15, offset: 0)
        #expect(try Support.drain(limit).rows.count == 15)
        #expect(source.pulls == 2)
        #expect(limit.explainLine == "Limit limit=15")
        #expect(PhysicalLimit(input: source, limit: nil, offset: 3).explainLine == "Limit offset=3")
    }

    @Test func unionAllConcatenatesInOrderWithTheFirstInputsNames() throws {
        let (first, firstRows) = try Self.numbered([3, 2])
        let otherSchema = Schema([Field("number", .int64, isNullable: false), Field("text", .string)])
        let second = try Support.batch(otherSchema, [[.int(100), .string("x")], [.int(101), .null]])
        let union = PhysicalUnionAll(inputs: [
            BatchesOperator(schema: Self.schema, batches: first),
            BatchesOperator(schema: otherSchema, batches: []),
            BatchesOperator(schema: otherSchema, batches: [second]),
        ])
        var batches: [RecordBatch] = []
        while let batch = try union.next() { batches.append(batch) }
        #expect(batches.allSatisfy { $0.schema.names == ["n", "s"] })
        expectRowsEqual(batches.flatMap(\.rows), firstRows + [[.int(100), .string("x")], [.int(101), .null]])
        #expect(union.schema.fields.map(\.isNullable) == [true, true])
        #expect(union.explainLine == "UnionAll inputs=3")
        #expect(union.children.count == 3)
        #expect(try union.next() == nil)
    }

    @Test func unionAllOfNothingIsEmpty() throws {
        let union = PhysicalUnionAll(inputs: [BatchesOperator(schema: Self.schema, batches: [])])
        #expect(try union.next() == nil)
        #expect(union.schema == Self.schema)
    }
}
