import Testing
import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport

@Suite struct JoinTests {
    static let leftSchema = Schema([
        Field("k_int", .int64), Field("k_str", .string), Field("k_date", .date), Field("k_dec", .decimal(precision: 8, scale: 2)),
        Field("lv", .int32),
    ])
    static let rightSchema = Schema([
        Field("r_int", .int64), Field("r_str", .string), Field("r_date", .date), Field("r_dec", .decimal(precision: 8, scale: 2)),
        Field("rv", .int32), Field("r_tag", .string),
    ])

    static func randomRows(count: Int, seed: UInt64, right: Bool) -> [[Value]] {
        var random = SeededRandom(seed: seed)
        func maybeNull(_ value: Value) -> Value { Int.random(in: 0..<100, using: &random) < 8 ? .null : value }
        let words = ["x", "yy", "", "a somewhat longer key value", "zé"]
        return (0..<count).map { index in
            var row: [Value] = [
                maybeNull(.int(Int64.random(in: 0..<25, using: &random))),
                maybeNull(.string(words[Int.random(in: 0..<words.count, using: &random)])),
                maybeNull(.date(Int32.random(in: 18_000..<18_006, using: &random))),
                maybeNull(.decimal(Int128(Int.random(in: -3...3, using: &random)) * 25, scale: 2)),
                maybeNull(.int(Int64.random(in: 0..<100, using: &random))),
            ]
            if right { row.append(.string("r\(index)")) }
            return row
        }
    }

    /// `lv < rv` (null when either is null), over left columns then right columns.
    static let lessThanFilter: JoinFilter = { batch throws(SluiceError) in
        let builder = ColumnBuilder(type: .boolean)
        let leftValue = batch.columns[4]
        let rightValue = batch.columns[leftSchema.count + 4]
        for row in 0..<batch.count {
            guard case .int(let a) = leftValue.value(at: row), case .int(let b) = rightValue.value(at: row) else {
                builder.appendNull()
                continue
            }
            builder.append(bool: a < b)
        }
        return builder.finish()
    }

    static func referencePasses(_ left: [Value], _ right: [Value], filtered: Bool) -> Bool? {
        guard filtered else { return true }
        guard case .int(let a) = left[4], case .int(let b) = right[4] else { return nil }
        return a < b
    }

    static func referenceJoin(
        _ left: [[Value]], _ right: [[Value]], leftKeys: [Int], rightKeys: [Int], type: JoinType, filtered: Bool
    ) -> [[Value]] {
        var rightByKey: [[Value]: [Int]] = [:]
        for (index, r) in right.enumerated() where rightKeys.allSatisfy({ !r[$0].isNull }) {
            rightByKey[rightKeys.map { r[$0] }, default: []].append(index)
        }
        var output: [[Value]] = []
        var rightMatched = [Bool](repeating: false, count: right.count)
        let rightNulls = [Value](repeating: .null, count: rightSchema.count)
        let leftNulls = [Value](repeating: .null, count: leftSchema.count)
        let rightHasNullKey = right.contains { row in rightKeys.contains { row[$0].isNull } }
        for l in left {
            var matched = false
            let leftNullKey = leftKeys.contains { l[$0].isNull }
            let candidates = leftKeys.isEmpty ? Array(right.indices) : (leftNullKey ? [] : rightByKey[leftKeys.map { l[$0] }] ?? [])
            for index in candidates where referencePasses(l, right[index], filtered: filtered) == true {
                matched = true
                rightMatched[index] = true
                if [.inner, .left, .right, .full].contains(type) { output.append(l + right[index]) }
            }
            switch type {
            case .left, .full: if !matched { output.append(l + rightNulls) }
            case .leftSemi: if matched { output.append(l) }
            case .leftAnti: if !matched { output.append(l) }
            case .leftAntiNullAware:
                if !matched && !rightHasNullKey && (!leftNullKey || right.isEmpty) { output.append(l) }
            default: break
            }
        }
        if type == .right || type == .full {
            for (index, r) in right.enumerated() where !rightMatched[index] { output.append(leftNulls + r) }
        }
        return output
    }

    static let allTypes: [JoinType] = [.inner, .left, .right, .full, .leftSemi, .leftAnti, .leftAntiNullAware]

    static let keyPairs: [([Int], [Int])] = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3]), ([0, 1], [0, 1]), ([1, 2, 3], [1, 2, 3])]

    @Test(arguments: allTypes)
    func hashJoinMatchesReference(type: JoinType) throws {
        for (keyIndex, (leftKeys, rightKeys)) in Self.keyPairs.enumerated() {
            let seed = UInt64(keyIndex * 10 + Self.allTypes.firstIndex(of: type)!)
            let leftRows = Self.randomRows(count: 300, seed: seed, right: false)
            let rightRows = Self.randomRows(count: 100, seed: seed + 1000, right: true)
            for filtered in [false, true] {
                for (leftLanes, rightLanes) in [(1, 1), (3, 2)] {
                    let join = try PhysicalHashJoin(
                        left: try HashTestSupport.lanes(Self.leftSchema, leftRows, laneCount: leftLanes, batchRows: 64),
                        right: try HashTestSupport.lanes(Self.rightSchema, rightRows, laneCount: rightLanes, batchRows: 64),
                        leftKeys: leftKeys, rightKeys: rightKeys, type: type, filter: filtered ? Self.lessThanFilter : nil, threads: 2)
                    let expected = Self.referenceJoin(leftRows, rightRows, leftKeys: leftKeys, rightKeys: rightKeys, type: type,
                                                      filtered: filtered)
                    let actual = try HashTestSupport.rows(join)
                    HashTestSupport.expectSameRows(actual, expected, "\(type) keys \(leftKeys) filter \(filtered) lanes \(leftLanes)/\(rightLanes)")
                }
            }
        }
    }

    @Test(arguments: allTypes)
    func hashJoinWithAnEmptySide(type: JoinType) throws {
        let rows = Self.randomRows(count: 50, seed: 5, right: false)
        let rightRows = Self.randomRows(count: 50, seed: 6, right: true)
        for (leftRows, rightSide) in [([[Value]](), rightRows), (rows, [[Value]]()), ([[Value]](), [[Value]]())] {
            let join = try PhysicalHashJoin(
                left: try HashTestSupport.lanes(Self.leftSchema, leftRows, laneCount: 2),
                right: try HashTestSupport.lanes(Self.rightSchema, rightSide, laneCount: 2),
                leftKeys: [0], rightKeys: [0], type: type, filter: nil, threads: 2)
            let expected = Self.referenceJoin(leftRows, rightSide, leftKeys: [0], rightKeys: [0], type: type, filtered: false)
            HashTestSupport.expectSameRows(try HashTestSupport.rows(join), expected, "\(type) left \(leftRows.count) right \(rightSide.count)")
        }
    }

    @Test(arguments: allTypes)
    func nestedLoopJoinMatchesReference(type: JoinType) throws {
        let leftRows = Self.randomRows(count: 120, seed: 77, right: false)
        let rightRows = Self.randomRows(count: 90, seed: 78, right: true)
        for filtered in [false, true] {
            for right in [rightRows, []] {
                let join = try PhysicalNestedLoopJoin(
                    left: try HashTestSupport.lanes(Self.leftSchema, leftRows, laneCount: 3, batchRows: 50),
                    right: try HashTestSupport.lanes(Self.rightSchema, right, laneCount: 1)[0],
                    type: type, filter: filtered ? Self.lessThanFilter : nil, threads: 2)
                let expected = Self.referenceJoin(leftRows, right, leftKeys: [], rightKeys: [], type: type, filtered: filtered)
                HashTestSupport.expectSameRows(try HashTestSupport.rows(join), expected, "\(type) filter \(filtered) right \(right.count)")
            }
        }
    }

    @Test func manyToManyJoinStreamsInBoundedBatches() throws {
        let schema = Schema([Field("k", .int64), Field("v", .int64)])
        func side(_ count: Int) throws -> [any PhysicalOperator] {
            let keys = ColumnBuilder(type: .int64)
            let values = ColumnBuilder(type: .int64)
            for index in 0..<count {
                keys.append(int: 1)
                values.append(int: Int64(index))
            }
            return [BatchesOperator(schema: schema, batches: [try RecordBatch(schema: schema, columns: [keys.finish(), values.finish()])])]
        }
        let join = try PhysicalHashJoin(left: try side(1000), right: try side(1000), leftKeys: [0], rightKeys: [0], type: .inner,
                                        filter: nil, threads: 2)
        var total = 0
        var largest = 0
        while let batch = try join.next() {
            total += batch.count
            largest = max(largest, batch.count)
        }
        #expect(total == 1_000_000)
        #expect(largest <= 65_536)
    }

    @Test func notInSemantics() throws {
        let schema = Schema([Field("k", .int64)])
        func lanes(_ values: [Value]) throws -> [any PhysicalOperator] {
            try HashTestSupport.lanes(schema, values.map { [$0] }, laneCount: 1)
        }
        func notIn(_ left: [Value], _ right: [Value]) throws -> [[Value]] {
            try HashTestSupport.rows(PhysicalHashJoin(left: try lanes(left), right: try lanes(right), leftKeys: [0], rightKeys: [0],
                                                      type: .leftAntiNullAware, filter: nil, threads: 2))
        }
        // 1 NOT IN (2, 3) is true; NULL NOT IN (2, 3) is null; anything NOT IN (2, NULL) is not true.
        #expect(try notIn([.int(1), .int(2), .null], [.int(2), .int(3)]) == [[.int(1)]])
        #expect(try notIn([.int(1), .null], [.int(2), .null]) == [])
        // Against an empty subquery every row qualifies, null included.
        #expect(try notIn([.int(1), .null], []) == [[.int(1)], [.null]])
    }

    @Test func outerJoinColumnsBecomeNullable() throws {
        let left = Schema([Field("a", .int64, isNullable: false)])
        let right = Schema([Field("b", .int64, isNullable: false)])
        let join = try PhysicalHashJoin(left: [BatchesOperator(schema: left, batches: [])], right: [BatchesOperator(schema: right, batches: [])],
                                        leftKeys: [0], rightKeys: [0], type: .left, filter: nil, threads: 1)
        #expect(join.schema.fields.map(\.isNullable) == [false, true])
        let full = try PhysicalHashJoin(left: [BatchesOperator(schema: left, batches: [])], right: [BatchesOperator(schema: right, batches: [])],
                                        leftKeys: [0], rightKeys: [0], type: .full, filter: nil, threads: 1)
        #expect(full.schema.fields.map(\.isNullable) == [true, true])
        #expect(full.explainLine == "HashJoin type=full keys=[#0=#0]")
        let semi = try PhysicalHashJoin(left: [BatchesOperator(schema: left, batches: [])], right: [BatchesOperator(schema: right, batches: [])],
                                        leftKeys: [0], rightKeys: [0], type: .leftSemi, filter: nil, threads: 1)
        #expect(semi.schema == left)
    }

    @Test func keysOfDifferentTypesAreRefused() {
        let left = Schema([Field("a", .int32)])
        let right = Schema([Field("b", .int64)])
        let error = HashTestSupport.error {
            _ = try PhysicalHashJoin(left: [BatchesOperator(schema: left, batches: [])], right: [BatchesOperator(schema: right, batches: [])],
                                     leftKeys: [0], rightKeys: [0], type: .inner, filter: nil, threads: 1)
        }
        #expect(error?.message
            == "Hash join key 1 compares int (left #0) with bigint (right #0); the planner casts join keys to one type.")
    }
}
