import Testing
import SluiceCore
@testable import SluiceEngine
import SluiceTestSupport

@Suite struct HashAggregateTests {
    static let schema = Schema([
        Field("k_int", .int64), Field("k_str", .string), Field("k_date", .date), Field("k_dec", .decimal(precision: 10, scale: 2)),
        Field("v_int", .int32), Field("v_dbl", .float64), Field("v_dec", .decimal(precision: 12, scale: 2)),
        Field("v_bool", .boolean), Field("v_str", .string), Field("v_ts", .timestamp),
    ])

    static func randomRows(count: Int, seed: UInt64, nullRate: Int = 10) -> [[Value]] {
        var random = SeededRandom(seed: seed)
        func maybeNull(_ value: Value) -> Value { Int.random(in: 0..<100, using: &random) < nullRate ? .null : value }
        let words = ["apple", "", "banana", "cherry-pie-with-a-long-name", "dátil", "e"]
        return (0..<count).map { _ in
            [
                maybeNull(.int(Int64.random(in: -20...20, using: &random))),
                maybeNull(.string(words[Int.random(in: 0..<words.count, using: &random)])),
                maybeNull(.date(Int32.random(in: 19_000...19_005, using: &random))),
                maybeNull(.decimal(Int128(Int.random(in: -300...300, using: &random)), scale: 2)),
                maybeNull(.int(Int64.random(in: -1_000_000...1_000_000, using: &random))),
                maybeNull(.double(Double(Int.random(in: -4000...4000, using: &random)) / 4)),
                maybeNull(.decimal(Int128(Int.random(in: -99_999...99_999, using: &random)), scale: 2)),
                maybeNull(.boolean(Bool.random(using: &random))),
                maybeNull(.string(words[Int.random(in: 0..<words.count, using: &random)] + "\(Int.random(in: 0..<5, using: &random))")),
                maybeNull(.timestamp(Int64.random(in: 0...1_000_000, using: &random))),
            ]
        }
    }

    static func call(_ kind: AggregateKind, _ input: Int?, distinct: Bool = false) throws -> AggregateCall {
        let type = try AggregateKind.resultType(of: kind, input: input.map { schema.fields[$0].type })
        let name = input.map { "\(kind.functionName)(\(distinct ? "DISTINCT " : "")\(schema.fields[$0].name))" } ?? "count(*)"
        return AggregateCall(kind: kind, input: input, isDistinct: distinct, resultType: type, name: name)
    }

    // MARK: Reference computations on boxed values.

    static func reference(_ call: AggregateCall, _ values: [Value], resultType: DataType) -> Value {
        var present = values.filter { !$0.isNull }
        if call.isDistinct { present = Array(Set(present)) }
        switch call.kind {
        case .countStar: return .int(Int64(values.count))
        case .count: return .int(Int64(present.count))
        case .sum, .avg:
            guard !present.isEmpty else { return .null }
            var integer: Int128 = 0
            var double = 0.0
            var scale = 0
            for value in present {
                switch value {
                case .int(let number): integer += Int128(number)
                case .double(let number): double += number
                case .decimal(let unscaled, let valueScale):
                    integer += unscaled
                    scale = valueScale
                default: break
                }
            }
            let isDouble = present.contains { if case .double = $0 { true } else { false } }
            let isDecimal = present.contains { if case .decimal = $0 { true } else { false } }
            if call.kind == .sum {
                if isDouble { return .double(double) }
                if isDecimal { return .decimal(integer, scale: scale) }
                return .int(Int64(integer))
            }
            if isDouble { return .double(double / Double(present.count)) }
            if isDecimal {
                return .decimal(DecimalAverageAccumulator.roundedQuotient(integer, Int64(present.count)), scale: scale)
            }
            return .double(Double(integer) / Double(present.count))
        case .min, .max:
            guard var best = present.first else { return .null }
            for value in present.dropFirst() {
                let order = value.compare(to: best)
                if call.kind == .min ? order == .less : order == .greater { best = value }
            }
            return best
        case .boolAnd: return present.isEmpty ? .null : .boolean(present.allSatisfy { $0 == .boolean(true) })
        case .boolOr: return present.isEmpty ? .null : .boolean(present.contains(.boolean(true)))
        case .approxDistinct: return .int(Int64(Set(present).count))
        case .arbitrary: return present.first ?? .null
        }
    }

    static func referenceAggregate(_ rows: [[Value]], keys: [Int], calls: [AggregateCall]) -> [[Value]] {
        var groups: [[Value]: [[Value]]] = [:]
        var order: [[Value]] = []
        for row in rows {
            let key = keys.map { row[$0] }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        if keys.isEmpty && groups.isEmpty {
            groups[[]] = []
            order = [[]]
        }
        return order.map { key in
            let members = groups[key] ?? []
            return key + calls.map { call in
                reference(call, members.map { row in call.input.map { row[$0] } ?? .int(1) }, resultType: call.resultType)
            }
        }
    }

    func run(_ rows: [[Value]], keys: [Int], calls: [AggregateCall], lanes: Int, threads: Int = 2) throws -> [[Value]] {
        let aggregate = try PhysicalHashAggregate(
            inputs: try HashTestSupport.lanes(Self.schema, rows, laneCount: lanes, batchRows: 97),
            groupKeys: keys, aggregates: calls, threads: threads)
        return try HashTestSupport.rows(aggregate)
    }

    static let keySets: [[Int]] = [[], [0], [1], [2], [3], [0, 1], [1, 3, 2], [7], [5], [9]]

    @Test(arguments: keySets)
    func matchesReferenceOnRandomData(keys: [Int]) throws {
        let rows = Self.randomRows(count: 2000, seed: 42 &+ UInt64(keys.reduce(7) { $0 &* 31 &+ $1 }))
        let calls = try [
            Self.call(.countStar, nil), Self.call(.count, 4), Self.call(.sum, 4), Self.call(.sum, 5), Self.call(.sum, 6),
            Self.call(.avg, 4), Self.call(.avg, 5), Self.call(.avg, 6), Self.call(.min, 4), Self.call(.max, 6),
            Self.call(.min, 8), Self.call(.max, 8), Self.call(.min, 9), Self.call(.max, 5), Self.call(.boolAnd, 7),
            Self.call(.boolOr, 7), Self.call(.min, 7), Self.call(.max, 2), Self.call(.count, 8, distinct: true),
            Self.call(.sum, 4, distinct: true), Self.call(.avg, 6, distinct: true), Self.call(.approxDistinct, 8),
        ]
        let expected = Self.referenceAggregate(rows, keys: keys, calls: calls)
        for lanes in [1, 3] {
            HashTestSupport.expectSameRows(try run(rows, keys: keys, calls: calls, lanes: lanes), expected, "keys \(keys), \(lanes) lanes")
        }
    }

    @Test func globalAggregateOnEmptyInputGivesOneRow() throws {
        let calls = try [Self.call(.countStar, nil), Self.call(.count, 4), Self.call(.sum, 4), Self.call(.max, 8),
                         Self.call(.approxDistinct, 1), Self.call(.count, 4, distinct: true)]
        for lanes in [1, 2] {
            let rows = try run([], keys: [], calls: calls, lanes: lanes)
            #expect(rows == [[.int(0), .int(0), .null, .null, .int(0), .int(0)]])
        }
    }

    @Test func groupedAggregateOnEmptyInputGivesNoRows() throws {
        let rows = try run([], keys: [1], calls: [Self.call(.countStar, nil)], lanes: 2)
        #expect(rows.isEmpty)
    }

    @Test func nullKeysFormOneGroup() throws {
        let rows: [[Value]] = (0..<10).map { index in
            [index % 2 == 0 ? .null : .int(1), .null, .null, .null, .int(Int64(index)), .null, .null, .null, .null, .null]
        }
        let result = HashTestSupport.sorted(try run(rows, keys: [0, 1], calls: [Self.call(.countStar, nil), Self.call(.sum, 4)], lanes: 3))
        #expect(result == HashTestSupport.sorted([[.int(1), .null, .int(5), .int(25)], [.null, .null, .int(5), .int(20)]]))
    }

    @Test func distinctWithoutAggregates() throws {
        let rows = Self.randomRows(count: 2000, seed: 9)
        let result = HashTestSupport.sorted(try run(rows, keys: [1, 3], calls: [], lanes: 4))
        let expected = HashTestSupport.sorted(Array(Set(rows.map { [$0[1], $0[3]] })))
        #expect(result == expected)
    }

    @Test func countDistinctAcrossLanesCountsEachValueOnce() throws {
        // Every lane sees the same 50 values for one group: count(DISTINCT) must be 50, not 200.
        let rows: [[Value]] = (0..<1000).map { index in
            [.int(7), .null, .null, .null, .int(Int64(index % 50)), .null, .null, .null, .null, .null]
        }
        let calls = try [Self.call(.count, 4, distinct: true), Self.call(.sum, 4, distinct: true), Self.call(.avg, 4, distinct: true),
                         Self.call(.count, 4)]
        for lanes in [1, 4] {
            let result = try run(rows, keys: [0], calls: calls, lanes: lanes)
            #expect(result == [[.int(7), .int(50), .int(1225), .double(24.5), .int(1000)]])
        }
    }

    @Test func bigintOverflowInSumIsAnError() throws {
        let rows: [[Value]] = [Int64.max, 1].map { value in
            [.int(1), .null, .null, .null, .null, .null, .null, .null, .null, .null, .int(value)]
        }
        let schema = Schema(Self.schema.fields + [Field("big", .int64)])
        for lanes in [1, 2] {
            let aggregate = try PhysicalHashAggregate(
                inputs: try HashTestSupport.lanes(schema, rows, laneCount: lanes, batchRows: 1), groupKeys: [0],
                aggregates: [AggregateCall(kind: .sum, input: 10, resultType: .int64, name: "sum(big)")], threads: 2)
            let error = HashTestSupport.error { _ = try HashTestSupport.drain(aggregate) }
            #expect(error?.message == "bigint overflow in sum(big).")
            #expect(error?.code == "query.numericOverflow")
        }
    }

    @Test func decimalSumOverflowIsAnError() throws {
        let schema = Schema([Field("d", .decimal(precision: 38, scale: 0))])
        let huge = Value.powerOfTen(38) - 1
        let aggregate = try PhysicalHashAggregate(
            inputs: [BatchesOperator(schema: schema, batches: [try HashTestSupport.batch(schema, [[.decimal(huge, scale: 0)], [.decimal(1, scale: 0)]])])],
            groupKeys: [], aggregates: [AggregateCall(kind: .sum, input: 0, resultType: .decimal(precision: 38, scale: 0), name: "sum(d)")],
            threads: 2)
        let error = HashTestSupport.error { _ = try HashTestSupport.drain(aggregate) }
        #expect(error?.message == "decimal overflow in sum(d).")
    }

    @Test func decimalAverageRoundsHalfAwayFromZero() throws {
        let schema = Schema([Field("d", .decimal(precision: 5, scale: 1))])
        let rows: [[Value]] = [[.decimal(10, scale: 1)], [.decimal(5, scale: 1)], [.decimal(-10, scale: 1)], [.decimal(-5, scale: 1)],
                               [.decimal(-2, scale: 1)], [.decimal(-1, scale: 1)]]
        // (1.0 + 0.5 - 1.0 - 0.5 - 0.2 - 0.1) / 6 = -0.05 → -0.1
        let aggregate = try PhysicalHashAggregate(
            inputs: [BatchesOperator(schema: schema, batches: [try HashTestSupport.batch(schema, rows)])], groupKeys: [],
            aggregates: [AggregateCall(kind: .avg, input: 0, resultType: .decimal(precision: 5, scale: 1), name: "avg(d)")], threads: 1)
        #expect(try HashTestSupport.rows(aggregate) == [[.decimal(-1, scale: 1)]])
    }

    @Test func approxDistinctIsWithinThreePercentOnHundredThousandValues() throws {
        let schema = Schema([Field("k", .int32), Field("v", .int64)])
        var lanes: [any PhysicalOperator] = []
        // Lane 0 holds values 0..<60,000 and lane 1 40,000..<100,000: 100,000 distinct values in all.
        for lane in 0..<2 {
            var batches: [RecordBatch] = []
            for start in stride(from: lane * 40_000, to: lane * 40_000 + 60_000, by: 10_000) {
                let keys = ColumnBuilder(type: .int32)
                let values = ColumnBuilder(type: .int64)
                for value in start..<start + 10_000 {
                    keys.append(int: 1)
                    values.append(int: Int64(value) * 7919)
                }
                batches.append(try RecordBatch(schema: schema, columns: [keys.finish(), values.finish()]))
            }
            lanes.append(BatchesOperator(schema: schema, batches: batches))
        }
        let aggregate = try PhysicalHashAggregate(
            inputs: lanes, groupKeys: [0], aggregates: [AggregateCall(kind: .approxDistinct, input: 1, resultType: .int64, name: "a")],
            threads: 2)
        let rows = try HashTestSupport.rows(aggregate)
        guard case .int(let estimate) = rows.first?[1] else {
            Issue.record("no estimate: \(rows)")
            return
        }
        #expect(abs(Double(estimate) - 100_000) / 100_000 < 0.03, "estimate \(estimate)")
    }

    @Test func manyGroupsComeInBoundedBatches() throws {
        let schema = Schema([Field("k", .int64)])
        let keys = ColumnBuilder(type: .int64)
        for value in 0..<150_000 { keys.append(int: Int64(value)) }
        let batch = try RecordBatch(schema: schema, columns: [keys.finish()])
        let aggregate = try PhysicalHashAggregate(
            inputs: [BatchesOperator(schema: schema, batches: [batch]), BatchesOperator(schema: schema, batches: [batch])],
            groupKeys: [0], aggregates: [AggregateCall(kind: .countStar, input: nil, resultType: .int64, name: "c")], threads: 2)
        let batches = try HashTestSupport.drain(aggregate)
        #expect(batches.allSatisfy { $0.count <= 65_536 })
        #expect(batches.reduce(0) { $0 + $1.count } == 150_000)
        var total: Int64 = 0
        for batch in batches {
            guard case .int64(let counts) = batch.columns[1].storage else { continue }
            total += counts.reduce(0, +)
            #expect(counts.allSatisfy { $0 == 2 })
        }
        #expect(total == 300_000)
        #expect(aggregate.memoryUsedBytes > 150_000 * 8)
    }

    @Test func resultTypesFollowTrino() throws {
        #expect(try AggregateKind.resultType(of: .sum, input: .int32) == .int64)
        #expect(try AggregateKind.resultType(of: .sum, input: .float32) == .float64)
        #expect(try AggregateKind.resultType(of: .sum, input: .decimal(precision: 10, scale: 2)) == .decimal(precision: 38, scale: 2))
        #expect(try AggregateKind.resultType(of: .avg, input: .int16) == .float64)
        #expect(try AggregateKind.resultType(of: .avg, input: .decimal(precision: 10, scale: 2)) == .decimal(precision: 10, scale: 2))
        #expect(try AggregateKind.resultType(of: .min, input: .date) == .date)
        #expect(try AggregateKind.resultType(of: .max, input: .string) == .string)
        #expect(try AggregateKind.resultType(of: .countStar, input: nil) == .int64)
        #expect(try AggregateKind.resultType(of: .approxDistinct, input: .string) == .int64)
        #expect(try AggregateKind.resultType(of: .boolOr, input: .boolean) == .boolean)
    }

    @Test func wrongInputTypesAreErrorsNamingFunctionAndType() {
        func message(_ kind: AggregateKind, _ type: DataType?) -> String? {
            HashTestSupport.error { _ = try AggregateKind.resultType(of: kind, input: type) }?.message
        }
        #expect(message(.sum, .string) == "sum cannot take string. It takes numbers.")
        #expect(message(.avg, .date) == "avg cannot take date. It takes numbers.")
        #expect(message(.boolAnd, .int32) == "bool_and cannot take int. It takes booleans.")
        #expect(message(.max, .list(.int32))
            == "max cannot take array<int>. It takes orderable values: numbers, strings, binaries, dates, timestamps and booleans.")
        #expect(message(.sum, nil) == "sum needs one argument.")
    }

    @Test func nestedGroupKeysAreRefused() throws {
        let schema = Schema([Field("tags", .list(.string))])
        let error = HashTestSupport.error {
            _ = try PhysicalHashAggregate(inputs: [BatchesOperator(schema: schema, batches: [])], groupKeys: [0], aggregates: [], threads: 1)
        }
        #expect(error?.message == "GROUP BY cannot use key 1 of type array<string>: keys of nested types are not supported yet.")
    }

    @Test func explainLineNamesKeysAndAggregates() throws {
        let aggregate = try PhysicalHashAggregate(
            inputs: [BatchesOperator(schema: Self.schema, batches: [])], groupKeys: [0],
            aggregates: [Self.call(.countStar, nil), Self.call(.sum, 4), Self.call(.count, 8, distinct: true)], threads: 2)
        #expect(aggregate.explainLine == "HashAggregate keys=[#0] aggregates=[count(*), sum(#4), count(DISTINCT #8)]")
    }
}
