import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport
import Testing

@Suite struct PhysicalWindowTests {
    typealias Support = SortWindowTestSupport

    static let frames: [WindowFrameBounds] = [
        .wholePartition, .runningWithPeers,
        WindowFrameBounds(unit: .rows, start: .unboundedPreceding, end: .currentRow),
        WindowFrameBounds(unit: .rows, start: .preceding(2), end: .following(1)),
        WindowFrameBounds(unit: .rows, start: .following(1), end: .following(3)),
        WindowFrameBounds(unit: .rows, start: .preceding(3), end: .preceding(1)),
        WindowFrameBounds(unit: .rows, start: .currentRow, end: .unboundedFollowing),
        WindowFrameBounds(unit: .range, start: .currentRow, end: .unboundedFollowing),
        WindowFrameBounds(unit: .range, start: .currentRow, end: .currentRow),
        WindowFrameBounds(unit: .rows, start: .preceding(0), end: .following(0)),
        WindowFrameBounds(unit: .rows, start: .preceding(Int.max), end: .following(Int.max)),
    ]

    /// Columns: 0 partition (int32), 1 order (int64), 2 int value, 3 double, 4 decimal(10,2), 5 boolean, 6 string.
    static let schema = Schema([
        Field("p", .int32), Field("o", .int64), Field("v", .int64), Field("d", .float64),
        Field("m", .decimal(precision: 10, scale: 2)), Field("b", .boolean), Field("s", .string),
    ])

    static func rows(count: Int, partitions: Int, using random: inout SeededRandom) -> [[Value]] {
        (0..<count).map { _ in
            let partition: Value = Int.random(in: 0..<10, using: &random) == 0 ? .null : .int(Int64.random(in: 0..<Int64(partitions), using: &random))
            let order: Value = Int.random(in: 0..<8, using: &random) == 0 ? .null : .int(Int64.random(in: 0..<6, using: &random))
            func maybe(_ value: Value) -> Value { Int.random(in: 0..<6, using: &random) == 0 ? .null : value }
            return [
                partition, order,
                maybe(.int(Int64.random(in: -1_000_000...1_000_000, using: &random))),
                maybe(.double(Double(Int.random(in: -999...999, using: &random)) / 8)),
                maybe(.decimal(Int128(Int.random(in: -99_999...99_999, using: &random)), scale: 2)),
                maybe(.boolean(Bool.random(using: &random))),
                maybe(.string(["", "a", "ab", "b", "zz", "ü"].randomElement(using: &random) ?? "")),
            ]
        }
    }

    static func run(
        _ rows: [[Value]], lanes laneCount: Int, partitionKeys: [Int], orderKeys: [SortKey], calls: [WindowCall],
        using random: inout SeededRandom
    ) throws -> (actual: [[Value]], expected: [[Value]]) {
        let (lanes, laneRows) = try Support.lanes(schema, rows, laneCount: laneCount, using: &random)
        let window = PhysicalWindow(inputs: lanes, partitionKeys: partitionKeys, orderKeys: orderKeys, calls: calls, threads: 2)
        let actual = try Support.drain(window).rows
        let expected = try WindowReference.evaluate(laneRows: laneRows, partitionKeys: partitionKeys, orderKeys: orderKeys, calls: calls)
        return (actual, expected)
    }

    /// Equal, with doubles within a relative 1e-9 (sliding sums subtract).
    static func expectClose(_ actual: [[Value]], _ expected: [[Value]], _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(context): row count", sourceLocation: sourceLocation)
        for (rowIndex, (actualRow, expectedRow)) in zip(actual, expected).enumerated() {
            for (column, (a, e)) in zip(actualRow, expectedRow).enumerated() {
                if case .double(let x) = a, case .double(let y) = e, !x.isNaN, !y.isNaN, x.isFinite, y.isFinite {
                    if abs(x - y) <= 1e-9 * max(1, abs(y)) { continue }
                }
                if !BatchComparison.valuesEqual(a, e) {
                    Issue.record("\(context): row \(rowIndex + 1) column \(column): expected \(BatchComparison.describe(e)), got \(BatchComparison.describe(a))", sourceLocation: sourceLocation)
                    return
                }
            }
        }
    }

    static func aggregateCalls(frame: WindowFrameBounds) -> [WindowCall] {
        [
            WindowCall(function: .aggregate(.countStar), input: nil, frame: frame, resultType: .int64, name: "count(*)"),
            WindowCall(function: .aggregate(.count), input: 2, frame: frame, resultType: .int64, name: "count(v)"),
            WindowCall(function: .aggregate(.sum), input: 2, frame: frame, resultType: .int64, name: "sum(v)"),
            WindowCall(function: .aggregate(.avg), input: 2, frame: frame, resultType: .float64, name: "avg(v)"),
            WindowCall(function: .aggregate(.sum), input: 3, frame: frame, resultType: .float64, name: "sum(d)"),
            WindowCall(function: .aggregate(.avg), input: 3, frame: frame, resultType: .float64, name: "avg(d)"),
            WindowCall(function: .aggregate(.sum), input: 4, frame: frame, resultType: .decimal(precision: 38, scale: 2), name: "sum(m)"),
            WindowCall(function: .aggregate(.avg), input: 4, frame: frame, resultType: .decimal(precision: 10, scale: 2), name: "avg(m)"),
            WindowCall(function: .aggregate(.min), input: 2, frame: frame, resultType: .int64, name: "min(v)"),
            WindowCall(function: .aggregate(.max), input: 3, frame: frame, resultType: .float64, name: "max(d)"),
            WindowCall(function: .aggregate(.min), input: 4, frame: frame, resultType: .decimal(precision: 10, scale: 2), name: "min(m)"),
            WindowCall(function: .aggregate(.max), input: 6, frame: frame, resultType: .string, name: "max(s)"),
            WindowCall(function: .aggregate(.boolAnd), input: 5, frame: frame, resultType: .boolean, name: "bool_and(b)"),
            WindowCall(function: .aggregate(.boolOr), input: 5, frame: frame, resultType: .boolean, name: "bool_or(b)"),
            WindowCall(function: .firstValue, input: 6, frame: frame, resultType: .string, name: "first_value(s)"),
            WindowCall(function: .lastValue, input: 2, frame: frame, resultType: .int64, name: "last_value(v)"),
        ]
    }

    @Test(arguments: frames.indices)
    func aggregatesAndValuesOverFrames(frameIndex: Int) throws {
        var random = SeededRandom(seed: 300 + UInt64(frameIndex))
        let frame = Self.frames[frameIndex]
        let rows = Self.rows(count: 600, partitions: 12, using: &random)
        let orderKeys = [SortKey(column: 1, isAscending: frameIndex % 2 == 0, nullsFirst: frameIndex % 3 == 0)]
        let (actual, expected) = try Self.run(
            rows, lanes: 3, partitionKeys: [0], orderKeys: orderKeys, calls: Self.aggregateCalls(frame: frame), using: &random)
        Self.expectClose(actual, expected, "frame \(frame)")
    }

    @Test func rankingAndOffsetsWithTiesAndSeveralKeys() throws {
        var random = SeededRandom(seed: 77)
        let rows = Self.rows(count: 800, partitions: 7, using: &random)
        let frame = WindowFrameBounds.runningWithPeers
        let calls = [
            WindowCall(function: .rowNumber, input: nil, frame: frame, resultType: .int64, name: "row_number()"),
            WindowCall(function: .rank, input: nil, frame: frame, resultType: .int64, name: "rank()"),
            WindowCall(function: .denseRank, input: nil, frame: frame, resultType: .int64, name: "dense_rank()"),
            WindowCall(function: .lag(offset: 1, defaultValue: .null), input: 2, frame: frame, resultType: .int64, name: "lag(v)"),
            WindowCall(function: .lag(offset: 2, defaultValue: .int(-7)), input: 2, frame: frame, resultType: .int64, name: "lag(v, 2, -7)"),
            WindowCall(function: .lead(offset: 3, defaultValue: .string("none")), input: 6, frame: frame, resultType: .string, name: "lead(s, 3, 'none')"),
            WindowCall(function: .lead(offset: 0, defaultValue: .null), input: 3, frame: frame, resultType: .float64, name: "lead(d, 0)"),
            WindowCall(function: .aggregate(.arbitrary), input: 4, frame: .wholePartition, resultType: .decimal(precision: 10, scale: 2), name: "arbitrary(m)"),
        ]
        for (partitionKeys, orderKeys) in [
            ([0], [SortKey(column: 1)]),
            ([0, 5], [SortKey(column: 1, isAscending: false, nullsFirst: true), SortKey(column: 6)]),
            ([], [SortKey(column: 1)]),
            ([0], []),
            ([], []),
        ] as [([Int], [SortKey])] {
            let (actual, expected) = try Self.run(rows, lanes: 2, partitionKeys: partitionKeys, orderKeys: orderKeys, calls: calls, using: &random)
            // arbitrary may pick any present value: check it is present iff the partition has one.
            let trimmedActual = actual.map { Array($0.dropLast()) }
            let trimmedExpected = expected.map { Array($0.dropLast()) }
            expectRowsEqual(trimmedActual, trimmedExpected, "partition \(partitionKeys) order \(orderKeys.map(\.explainText))")
            for (a, e) in zip(actual, expected) { #expect(a.last?.isNull == e.last?.isNull) }
        }
    }

    @Test func packedKeysGivePartitionsAndPeers() throws {
        // Enough rows for the sorter to pack partition and order keys into one key.
        var random = SeededRandom(seed: 4242)
        let rows = Self.rows(count: RowSorter.packingThreshold + 900, partitions: 60, using: &random)
        let frame = WindowFrameBounds.runningWithPeers
        let calls = [
            WindowCall(function: .rowNumber, input: nil, frame: frame, resultType: .int64, name: "row_number()"),
            WindowCall(function: .rank, input: nil, frame: frame, resultType: .int64, name: "rank()"),
            WindowCall(function: .denseRank, input: nil, frame: frame, resultType: .int64, name: "dense_rank()"),
            WindowCall(function: .aggregate(.sum), input: 2, frame: frame, resultType: .int64, name: "sum(v)"),
            WindowCall(function: .lastValue, input: 6, frame: frame, resultType: .string, name: "last_value(s)"),
        ]
        for (partitionKeys, orderKeys) in [
            ([0, 5], [SortKey(column: 1, isAscending: false, nullsFirst: true)]),
            ([5], [SortKey(column: 0), SortKey(column: 1, nullsFirst: true)]),
        ] as [([Int], [SortKey])] {
            let (actual, expected) = try Self.run(rows, lanes: 2, partitionKeys: partitionKeys, orderKeys: orderKeys, calls: calls, using: &random)
            expectRowsEqual(actual, expected, "partition \(partitionKeys) order \(orderKeys.map(\.explainText))")
        }
    }

    @Test func rankAndDenseRankOnASmallExample() throws {
        let schema = Schema([Field("g", .string), Field("score", .int32)])
        let rows: [[Value]] = [
            [.string("a"), .int(10)], [.string("a"), .int(20)], [.string("a"), .int(10)], [.string("a"), .null],
            [.string("b"), .int(5)], [.string("a"), .int(30)], [.string("b"), .int(5)],
        ]
        let frame = WindowFrameBounds.runningWithPeers
        let window = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: [try Support.batch(schema, rows)])],
            partitionKeys: [0], orderKeys: [SortKey(column: 1, isAscending: false)],
            calls: [
                WindowCall(function: .rank, input: nil, frame: frame, resultType: .int64, name: "rank()"),
                WindowCall(function: .denseRank, input: nil, frame: frame, resultType: .int64, name: "dense_rank()"),
                WindowCall(function: .aggregate(.sum), input: 1, frame: frame, resultType: .int64, name: "sum(score)"),
            ],
            threads: 2)
        let actual = try Support.drain(window).rows
        expectRowsEqual(actual, [
            [.string("a"), .int(30), .int(1), .int(1), .int(30)],
            [.string("a"), .int(20), .int(2), .int(2), .int(50)],
            [.string("a"), .int(10), .int(3), .int(3), .int(70)],
            [.string("a"), .int(10), .int(3), .int(3), .int(70)],
            [.string("a"), .null, .int(5), .int(4), .int(70)],
            [.string("b"), .int(5), .int(1), .int(1), .int(10)],
            [.string("b"), .int(5), .int(1), .int(1), .int(10)],
        ])
        #expect(window.schema.names == ["g", "score", "rank()", "dense_rank()", "sum(score)"])
    }

    @Test func largeInputSplitsIntoChunksAndBatches() throws {
        // 150k rows, 5k partitions: evaluated in two chunks, returned in three batches.
        let schema = Schema([Field("p", .int64), Field("o", .int64)])
        let partitionBuilder = ColumnBuilder(type: .int64)
        let orderBuilder = ColumnBuilder(type: .int64)
        for index in 0..<150_000 {
            partitionBuilder.append(int: Int64(index % 5000))
            orderBuilder.append(int: Int64(index))
        }
        let batch = try RecordBatch(schema: schema, columns: [partitionBuilder.finish(), orderBuilder.finish()])
        let window = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: [batch])], partitionKeys: [0], orderKeys: [SortKey(column: 1)],
            calls: [
                WindowCall(function: .rowNumber, input: nil, frame: .runningWithPeers, resultType: .int64, name: "row_number()"),
                WindowCall(function: .aggregate(.sum), input: 1, frame: WindowFrameBounds(unit: .rows, start: .preceding(1), end: .currentRow), resultType: .int64, name: "s"),
            ],
            threads: 2)
        var sizes: [Int] = []
        var position = 0
        var firstMismatch: String?
        while let output = try window.next() {
            sizes.append(output.count)
            for row in 0..<output.count {
                let partition = Int64(position / 30)
                let rank = Int64(position % 30 + 1)
                let order = partition + 5000 * (rank - 1)
                let expected: [Value] = [.int(partition), .int(order), .int(rank), .int(rank == 1 ? order : 2 * order - 5000)]
                if firstMismatch == nil, output.row(row) != expected {
                    firstMismatch = "position \(position): expected \(expected), got \(output.row(row))"
                }
                position += 1
            }
        }
        #expect(firstMismatch == nil)
        #expect(sizes == [65_536, 65_536, 18_928])
    }

    @Test func integerSumOverflowIsAnError() throws {
        let schema = Schema([Field("x", .int64)])
        let batch = try Support.batch(schema, [[.int(Int64.max)], [.int(1)]])
        let window = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: [batch])], partitionKeys: [], orderKeys: [],
            calls: [WindowCall(function: .aggregate(.sum), input: 0, frame: .wholePartition, resultType: .int64, name: "sum(x)")],
            threads: 2)
        #expect(throws: SluiceError(
            domain: .query, code: "arithmetic.overflow",
            message: "bigint overflow in window function sum(x): a frame's total does not fit in bigint.",
            hint: "Cast the argument to a wider type first, e.g. decimal(38,0) or double.")) {
            _ = try window.next()
        }
        // A sliding frame whose totals stay in range is fine even when the running total would not be.
        let sliding = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: [try Support.batch(schema, [[.int(Int64.max)], [.int(-5)], [.int(Int64.max)]])])],
            partitionKeys: [], orderKeys: [],
            calls: [WindowCall(function: .aggregate(.sum), input: 0, frame: WindowFrameBounds(unit: .rows, start: .currentRow, end: .currentRow), resultType: .int64, name: "sum(x)")],
            threads: 2)
        #expect(try Support.drain(sliding).rows.map { $0[1] } == [.int(Int64.max), .int(-5), .int(Int64.max)])
    }

    @Test func decimalSumBeyondPrecisionIsAnError() throws {
        let type = DataType.decimal(precision: 38, scale: 0)
        let schema = Schema([Field("x", type)])
        let largest = Value.powerOfTen(38) - 1
        let batch = try Support.batch(schema, [[.decimal(largest, scale: 0)], [.decimal(largest, scale: 0)]])
        let window = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: [batch])], partitionKeys: [], orderKeys: [],
            calls: [WindowCall(function: .aggregate(.sum), input: 0, frame: .wholePartition, resultType: type, name: "sum(x)")],
            threads: 2)
        #expect(throws: SluiceError(
            domain: .query, code: "arithmetic.overflow",
            message: "decimal(38,0) overflow in window function sum(x): a frame's total does not fit in decimal(38,0).",
            hint: "Cast the argument to a wider type first, e.g. decimal(38,0) or double.")) {
            _ = try window.next()
        }
    }

    @Test func invalidAndUnsupportedFramesAreRefused() throws {
        let schema = Schema([Field("x", .int64)])
        func error(_ frame: WindowFrameBounds) -> SluiceError? {
            let window = PhysicalWindow(
                inputs: [BatchesOperator(schema: schema, batches: [])], partitionKeys: [], orderKeys: [SortKey(column: 0)],
                calls: [WindowCall(function: .aggregate(.sum), input: 0, frame: frame, resultType: .int64, name: "sum(x)")], threads: 2)
            do {
                _ = try window.next()
                return nil
            } catch {
                return error
            }
        }
        #expect(error(WindowFrameBounds(unit: .range, start: .preceding(2), end: .currentRow)) == SluiceError(
            domain: .query, code: "window.unsupportedFrame",
            message: "Window function sum(x): RANGE frames with PRECEDING or FOLLOWING offsets are not supported yet.",
            hint: "Use a ROWS frame (ROWS BETWEEN 3 PRECEDING AND CURRENT ROW), or RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW."))
        #expect(error(WindowFrameBounds(unit: .rows, start: .currentRow, end: .preceding(1)))?.message
            == "Window function sum(x): a window frame starting at CURRENT ROW cannot end with PRECEDING.")
        #expect(error(WindowFrameBounds(unit: .rows, start: .unboundedFollowing, end: .unboundedFollowing))?.message
            == "Window function sum(x): a window frame cannot start at UNBOUNDED FOLLOWING.")
        #expect(error(WindowFrameBounds(unit: .rows, start: .preceding(-1), end: .currentRow))?.message
            == "Window function sum(x): a window frame offset must be zero or more, not -1.")
        #expect(error(.runningWithPeers) == nil)
    }

    @Test func wrongArgumentsAreRefused() throws {
        let schema = Schema([Field("s", .string), Field("x", .int64)])
        func error(_ call: WindowCall) -> String? {
            let window = PhysicalWindow(
                inputs: [BatchesOperator(schema: schema, batches: [])], partitionKeys: [], orderKeys: [], calls: [call], threads: 2)
            do {
                _ = try window.next()
                return nil
            } catch {
                return error.message
            }
        }
        let frame = WindowFrameBounds.wholePartition
        #expect(error(WindowCall(function: .aggregate(.sum), input: 0, frame: frame, resultType: .int64, name: "sum(s)"))
            == "Window function sum(s): sum cannot take string. It takes numbers.")
        #expect(error(WindowCall(function: .lag(offset: -1, defaultValue: .null), input: 1, frame: frame, resultType: .int64, name: "lag(x, -1)"))
            == "Window function lag(x, -1): the offset must be zero or more, not -1.")
        #expect(error(WindowCall(function: .lag(offset: 1, defaultValue: .string("zero")), input: 1, frame: frame, resultType: .int64, name: "lag(x, 1, 'zero')"))
            == "Window function lag(x, 1, 'zero'): the default value zero does not fit the argument's type bigint.")
        #expect(error(WindowCall(function: .rowNumber, input: nil, frame: frame, resultType: .int32, name: "row_number()"))
            == "Window function row_number(): the result type is int but the function gives bigint.")
        #expect(error(WindowCall(function: .aggregate(.approxDistinct), input: 1, frame: frame, resultType: .int64, name: "approx_distinct(x)"))
            == "approx_distinct is not supported as a window function.")
    }

    @Test func emptyInputGivesNoRowsAndExplainNamesTheParts() throws {
        let schema = Schema([Field("a", .int64), Field("b", .int64)])
        let window = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: []), BatchesOperator(schema: schema, batches: [])],
            partitionKeys: [0], orderKeys: [SortKey(column: 1, isAscending: false)],
            calls: [WindowCall(function: .rowNumber, input: nil, frame: .runningWithPeers, resultType: .int64, name: "row_number()")],
            threads: 2)
        #expect(try window.next() == nil)
        #expect(window.explainLine == "Window partition=[#0] order=[#1 DESC NULLS LAST] calls=[row_number()]")
    }

    @Test func floatArgumentsSumIntoDoubleOrFloat() throws {
        let schema = Schema([Field("f", .float32)])
        let batch = try Support.batch(schema, [[.double(1.5)], [.null], [.double(.infinity)], [.double(-2)]])
        let frame = WindowFrameBounds(unit: .rows, start: .preceding(1), end: .currentRow)
        let window = PhysicalWindow(
            inputs: [BatchesOperator(schema: schema, batches: [batch])], partitionKeys: [], orderKeys: [],
            calls: [
                WindowCall(function: .aggregate(.sum), input: 0, frame: frame, resultType: .float64, name: "sum(f)"),
                WindowCall(function: .aggregate(.avg), input: 0, frame: frame, resultType: .float32, name: "avg(f)"),
            ],
            threads: 2)
        expectRowsEqual(try Support.drain(window).rows, [
            [.double(1.5), .double(1.5), .double(1.5)],
            [.null, .double(1.5), .double(1.5)],
            [.double(.infinity), .double(.infinity), .double(.infinity)],
            [.double(-2), .double(.infinity), .double(.infinity)],
        ])
    }
}
