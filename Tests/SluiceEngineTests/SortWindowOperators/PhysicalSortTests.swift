import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport
import Testing

@Suite struct PhysicalSortTests {
    typealias Support = SortWindowTestSupport

    static let keyTypes: [DataType] = [
        .boolean, .int8, .int16, .int32, .int64, .float32, .float64,
        .decimal(precision: 10, scale: 2), .decimal(precision: 38, scale: 5), .string, .binary, .date, .timestamp,
    ]

    @Test(arguments: keyTypes)
    func sortsEveryKeyTypeInEveryDirection(type: DataType) throws {
        var random = SeededRandom(seed: 7 &+ UInt64(type.description.utf8.count))
        let schema = Schema([Field("k", type), Field("tag", .int64)])
        for poolSize in [3, 200] {
            let keyValues = Support.values(of: type, count: 700, poolSize: poolSize, using: &random)
            let rows = keyValues.enumerated().map { [$0.element, Value.int(Int64($0.offset))] }
            for (ascending, nullsFirst) in [(true, false), (true, true), (false, false), (false, true)] {
                let keys = [SortKey(column: 0, isAscending: ascending, nullsFirst: nullsFirst)]
                let (lanes, laneRows) = try Support.lanes(schema, rows, laneCount: 3, using: &random)
                let sort = PhysicalSort(inputs: lanes, keys: keys, threads: 2)
                let actual = try Support.drain(sort).rows
                expectRowsEqual(actual, Support.referenceSort(laneRows, keys: keys), "\(type) \(keys[0].explainText) pool \(poolSize)")
            }
        }
    }

    @Test func sortsBySeveralKeysOfMixedTypes() throws {
        var random = SeededRandom(seed: 99)
        let types: [DataType] = [.string, .int32, .float64, .decimal(precision: 38, scale: 2), .boolean]
        let schema = Schema(types.enumerated().map { Field("c\($0.offset)", $0.element) } + [Field("tag", .int64)])
        let columns = types.map { Support.values(of: $0, count: 1500, poolSize: 4, using: &random) }
        let rows = (0..<1500).map { row in columns.map { $0[row] } + [.int(Int64(row))] }
        for _ in 0..<6 {
            let keys = (0..<Int.random(in: 2...5, using: &random)).map { _ in
                SortKey(column: Int.random(in: 0..<types.count, using: &random), isAscending: Bool.random(using: &random),
                        nullsFirst: Bool.random(using: &random))
            }
            let (lanes, laneRows) = try Support.lanes(schema, rows, laneCount: 2, using: &random)
            let actual = try Support.drain(PhysicalSort(inputs: lanes, keys: keys, threads: 2)).rows
            expectRowsEqual(actual, Support.referenceSort(laneRows, keys: keys), keys.map(\.explainText).joined(separator: ", "))
        }
    }

    @Test func packedFixedWidthKeysOrderLikeSeparateKeys() throws {
        // Enough rows for RowSorter to pack several fixed-width keys into one (KeyPacking).
        var random = SeededRandom(seed: 4096)
        let types: [DataType] = [.int32, .boolean, .float64, .date, .int8, .timestamp]
        let schema = Schema(types.enumerated().map { Field("c\($0.offset)", $0.element) } + [Field("tag", .int64)])
        let count = RowSorter.packingThreshold + 1500
        let pools = [6, 2, 5, 40, 3, 3]
        let columns = zip(types, pools).map { Support.values(of: $0, count: count, poolSize: $1, using: &random) }
        let rows = (0..<count).map { row in columns.map { $0[row] } + [.int(Int64(row))] }
        for _ in 0..<5 {
            let keys = (0..<Int.random(in: 2...4, using: &random)).map { _ in
                SortKey(column: Int.random(in: 0..<types.count, using: &random), isAscending: Bool.random(using: &random),
                        nullsFirst: Bool.random(using: &random))
            }
            for laneCount in [1, 2] {
                let (lanes, laneRows) = try Support.lanes(schema, rows, laneCount: laneCount, using: &random)
                let actual = try Support.drain(PhysicalSort(inputs: lanes, keys: keys, threads: 2)).rows
                expectRowsEqual(actual, Support.referenceSort(laneRows, keys: keys), "\(laneCount) lanes, " + keys.map(\.explainText).joined(separator: ", "))
            }
        }
    }

    @Test func longStringsSharingPrefixesOrderByEveryByte() throws {
        var random = SeededRandom(seed: 5)
        let prefixes = ["", "https://example.com/", "https://example.com/path/", "\u{0}\u{0}", "a\u{0}"]
        var rows: [[Value]] = []
        for index in 0..<2000 {
            let prefix = prefixes.randomElement(using: &random) ?? ""
            let tail = String((0..<Int.random(in: 0...12, using: &random)).map { _ in "ab\u{0}é".randomElement(using: &random) ?? "a" })
            rows.append([index % 17 == 0 ? .null : .string(prefix + tail), .int(Int64(index))])
        }
        let schema = Schema([Field("s", .string), Field("tag", .int64)])
        for keys in [[SortKey(column: 0)], [SortKey(column: 0, isAscending: false, nullsFirst: true)]] {
            let (lanes, laneRows) = try Support.lanes(schema, rows, laneCount: 2, using: &random)
            let actual = try Support.drain(PhysicalSort(inputs: lanes, keys: keys, threads: 2)).rows
            expectRowsEqual(actual, Support.referenceSort(laneRows, keys: keys))
        }
    }

    @Test func floatsOrderNaNLastAndNegativeZeroAsZero() throws {
        let schema = Schema([Field("x", .float64), Field("tag", .int64)])
        let values: [Value] = [.double(.nan), .double(1), .double(-0.0), .null, .double(.infinity), .double(0), .double(-.infinity), .double(-1)]
        let rows = values.enumerated().map { [$0.element, Value.int(Int64($0.offset))] }
        let sort = PhysicalSort(inputs: [BatchesOperator(schema: schema, batches: [try Support.batch(schema, rows)])], keys: [SortKey(column: 0)], threads: 2)
        let tags = try Support.drain(sort).rows.map { $0[1] }
        #expect(tags == [6, 7, 2, 5, 1, 4, 0, 3].map { Value.int($0) })
        let descending = PhysicalSort(
            inputs: [BatchesOperator(schema: schema, batches: [try Support.batch(schema, rows)])],
            keys: [SortKey(column: 0, isAscending: false, nullsFirst: true)], threads: 2)
        #expect(try Support.drain(descending).rows.map { $0[1] } == [3, 0, 4, 1, 2, 5, 7, 6].map { Value.int($0) })
    }

    @Test func topNEqualsThePrefixOfTheFullSortWithOffsets() throws {
        var random = SeededRandom(seed: 2024)
        let schema = Schema([Field("a", .int64), Field("b", .string), Field("tag", .int64)])
        let aValues = Support.values(of: .int64, count: 5000, poolSize: 30, using: &random)
        let bValues = Support.values(of: .string, count: 5000, poolSize: 5, using: &random)
        let rows = (0..<5000).map { [aValues[$0], bValues[$0], .int(Int64($0))] }
        let keySets = [
            [SortKey(column: 0)], [SortKey(column: 0, isAscending: false, nullsFirst: true)],
            [SortKey(column: 1), SortKey(column: 0, isAscending: false)], [SortKey(column: 1, nullsFirst: true)],
        ]
        for keys in keySets {
            for (limit, offset) in [(0, 0), (1, 0), (20, 0), (20, 7), (100, 4990), (17_000, 3), (5, 5000), (Int.max, 3), (2_000_000, 1)] {
                let (lanes, laneRows) = try Support.lanes(schema, rows, laneCount: 3, using: &random)
                let sort = PhysicalSort(inputs: lanes, keys: keys, limit: limit, offset: offset, threads: 2)
                let expected = Array(Support.referenceSort(laneRows, keys: keys).dropFirst(offset).prefix(limit))
                expectRowsEqual(try Support.drain(sort).rows, expected, "limit \(limit) offset \(offset)")
                #expect(sort.peakMemoryUsedBytes < 5_000_000 || limit > 5000)
            }
        }
    }

    @Test func offsetWithoutLimitAndLargeOutputsSplitIntoBatches() throws {
        let schema = Schema([Field("a", .int32)])
        let builder = ColumnBuilder(type: .int32)
        for index in 0..<150_000 { builder.append(int: Int64((index * 7919) % 150_000)) }
        let batch = try RecordBatch(schema: schema, columns: [builder.finish()])
        let sort = PhysicalSort(inputs: [BatchesOperator(schema: schema, batches: [batch])], keys: [SortKey(column: 0)], offset: 10, threads: 2)
        var counts: [Int] = []
        var expected: Int64 = 10
        while let output = try sort.next() {
            counts.append(output.count)
            guard case .int32(let values) = output.columns[0].storage else { Issue.record("not int32"); return }
            for value in values {
                #expect(Int64(value) == expected)
                expected += 1
            }
        }
        #expect(counts == [65_536, 65_536, 18_918])
        #expect(sort.peakMemoryUsedBytes > 150_000 * 4)
        #expect(sort.memoryUsedBytes == 0)
    }

    @Test func emptyInputsGiveNoRows() throws {
        let schema = Schema([Field("a", .int64)])
        for limit in [nil, 0, 5] as [Int?] {
            let sort = PhysicalSort(
                inputs: [BatchesOperator(schema: schema, batches: []), BatchesOperator(schema: schema, batches: [])],
                keys: [SortKey(column: 0)], limit: limit, threads: 2)
            #expect(try sort.next() == nil)
            #expect(try sort.next() == nil)
        }
    }

    @Test func refusesNestedKeysNamingTheColumn() throws {
        let schema = Schema([Field("a", .int64), Field("tags", .list(.string))])
        let sort = PhysicalSort(inputs: [BatchesOperator(schema: schema, batches: [])], keys: [SortKey(column: 1)], threads: 2)
        #expect(throws: SluiceError(
            domain: .query, code: "sort.unorderableType",
            message: "Cannot order rows by column #1 of type array<string>: only scalar values can be sort, partition or window order keys.",
            hint: "Order by a field or element of it instead, e.g. `ORDER BY col.field` or `ORDER BY col[1]`.")) {
            _ = try sort.next()
        }
    }

    @Test func carriesNestedColumnsAlong() throws {
        let schema = Schema([Field("k", .int64), Field("tags", .list(.string)), Field("s", .struct([Field("x", .int32)]))])
        let rows: [[Value]] = [
            [.int(3), .list([.string("c")]), .structure([NamedValue("x", .int(3))])],
            [.int(1), .list([.string("a"), .null]), .null],
            [.int(2), .list([]), .structure([NamedValue("x", .null)])],
        ]
        let lanes: [any PhysicalOperator] = [
            BatchesOperator(schema: schema, batches: [try Support.batch(schema, [rows[0]])]),
            BatchesOperator(schema: schema, batches: [try Support.batch(schema, [rows[1], rows[2]])]),
        ]
        let actual = try Support.drain(PhysicalSort(inputs: lanes, keys: [SortKey(column: 0)], threads: 2)).rows
        expectRowsEqual(actual, [rows[1], rows[2], rows[0]])
    }

    @Test func explainsKeysLimitAndOffset() {
        let schema = Schema([Field("a", .int64), Field("b", .int64)])
        let sort = PhysicalSort(
            inputs: [BatchesOperator(schema: schema, batches: [])],
            keys: [SortKey(column: 1, isAscending: false), SortKey(column: 0, nullsFirst: true)], limit: 20, offset: 3, threads: 2)
        #expect(sort.explainLine == "Sort keys=[#1 DESC NULLS LAST, #0 ASC NULLS FIRST] limit=20 offset=3")
        #expect(sort.children.count == 1)
    }

    @Test func largeRunsSortInParallelAndStayStable() throws {
        // Above RowSorter.parallelThreshold, one lane's run is split across threads.
        var random = SeededRandom(seed: 3)
        let count = 200_000
        let keyBuilder = ColumnBuilder(type: .int64)
        let tagBuilder = ColumnBuilder(type: .int64)
        var keys: [Int64] = []
        for index in 0..<count {
            let key = Int64.random(in: -5000...5000, using: &random) * (index % 3 == 0 ? 1_000_000_007 : 1)
            keys.append(key)
            if index % 101 == 0 { keyBuilder.appendNull() } else { keyBuilder.append(int: key) }
            tagBuilder.append(int: Int64(index))
        }
        let schema = Schema([Field("k", .int64), Field("tag", .int64)])
        let batch = try RecordBatch(schema: schema, columns: [keyBuilder.finish(), tagBuilder.finish()])
        let sort = PhysicalSort(inputs: [BatchesOperator(schema: schema, batches: [batch])], keys: [SortKey(column: 0, isAscending: false)], threads: 2)
        var previous: (key: Int64?, tag: Int64)? = nil
        var seen = 0
        while let output = try sort.next() {
            for row in 0..<output.count {
                let key: Int64? = output.columns[0].isNull(row) ? nil : { if case .int(let v) = output.columns[0].value(at: row) { v } else { nil } }()
                guard case .int(let tag) = output.columns[1].value(at: row) else { continue }
                if let previous {
                    switch (previous.key, key) {
                    case (let a?, let b?): #expect(a > b || (a == b && previous.tag < tag))
                    case (nil, _?): Issue.record("value after null")
                    case (_?, nil): break
                    case (nil, nil): #expect(previous.tag < tag)
                    }
                }
                previous = (key, tag)
                seen += 1
            }
        }
        #expect(seen == count)
    }
}
