import Foundation
import Testing
import SluiceCore
import SluiceEngine

/// Timings of the hash operators on the benchmark's shapes. Off by default (they need a release
/// build and seconds of CPU): `SLUICE_BENCHMARK=1 swift test -c release --filter HashOperatorBenchmarks`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_BENCHMARK"] == "1"), .serialized)
struct HashOperatorBenchmarks {
    static let batchRows = 65_536

    /// `laneCount` lanes of `rows` rows in all, column `make(row)` per row.
    static func lanes(rows: Int, laneCount: Int, schema: Schema, fill: ([ColumnBuilder], Int) -> Void) throws -> [any PhysicalOperator] {
        var laneBatches = [[RecordBatch]](repeating: [], count: laneCount)
        var start = 0
        var lane = 0
        while start < rows {
            let end = min(rows, start + batchRows)
            let builders = schema.fields.map { ColumnBuilder(type: $0.type, capacity: end - start) }
            for row in start..<end { fill(builders, row) }
            laneBatches[lane].append(try RecordBatch(schema: schema, columns: builders.map { $0.finish() }))
            lane = (lane + 1) % laneCount
            start = end
        }
        return laneBatches.map { BatchesOperator(schema: schema, batches: $0) }
    }

    /// CPU seconds of the whole process so far (all threads).
    static func processSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func time(_ label: String, _ body: () throws -> Int) rethrows -> Int {
        let clock = ContinuousClock()
        let start = clock.now
        let cpuStart = processSeconds()
        let rows = try body()
        let cpu = processSeconds() - cpuStart
        print("BENCHMARK \(label): wall \(clock.now - start), CPU \(cpu) s, \(rows) output rows")
        return rows
    }

    static func drainCount(_ physical: any PhysicalOperator) throws -> Int {
        var rows = 0
        while let batch = try physical.next() { rows += batch.count }
        return rows
    }

    @Test func groupByStringKeyWithSum() throws {
        let schema = Schema([Field("category", .string), Field("amount", .int64)])
        let categories = ["books", "electronics", "garden", "toys", "grocery", "fashion", "sports", "beauty", "auto", "music"]
        let inputs = try Self.lanes(rows: 10_000_000, laneCount: 2, schema: schema) { builders, row in
            builders[0].append(string: categories[(row &* 7919) % categories.count])
            builders[1].append(int: Int64(row % 1000))
        }
        let aggregate = try PhysicalHashAggregate(
            inputs: inputs, groupKeys: [0],
            aggregates: [AggregateCall(kind: .sum, input: 1, resultType: .int64, name: "sum(amount)")], threads: 2)
        let rows = try Self.time("GROUP BY string (10 values), sum, 10M rows") { try Self.drainCount(aggregate) }
        #expect(rows == 10)
    }

    @Test func groupByIntegerKeyWithMillionGroups() throws {
        let schema = Schema([Field("user_id", .int64), Field("amount", .int64)])
        let inputs = try Self.lanes(rows: 10_000_000, laneCount: 2, schema: schema) { builders, row in
            builders[0].append(int: Int64((row &* 2_654_435_761) % 1_000_000))
            builders[1].append(int: Int64(row % 1000))
        }
        let aggregate = try PhysicalHashAggregate(
            inputs: inputs, groupKeys: [0],
            aggregates: [AggregateCall(kind: .countStar, input: nil, resultType: .int64, name: "count(*)"),
                         AggregateCall(kind: .sum, input: 1, resultType: .int64, name: "sum(amount)")], threads: 2)
        let rows = try Self.time("GROUP BY bigint (1M groups), count, sum, 10M rows") { try Self.drainCount(aggregate) }
        #expect(rows == 1_000_000)
        print("BENCHMARK memory: \(aggregate.memoryUsedBytes / 1_048_576) MiB")
    }

    @Test func joinTenMillionProbeRowsAgainstOneMillionBuildRows() throws {
        let probeSchema = Schema([Field("user_id", .int64), Field("amount", .int64)])
        let buildSchema = Schema([Field("id", .int64), Field("score", .int32)])
        let probe = try Self.lanes(rows: 10_000_000, laneCount: 2, schema: probeSchema) { builders, row in
            builders[0].append(int: Int64((row &* 2_654_435_761) % 1_000_000))
            builders[1].append(int: Int64(row))
        }
        let build = try Self.lanes(rows: 1_000_000, laneCount: 2, schema: buildSchema) { builders, row in
            builders[0].append(int: Int64(row))
            builders[1].append(int: Int64(row % 100))
        }
        let join = try PhysicalHashJoin(left: probe, right: build, leftKeys: [0], rightKeys: [0], type: .inner, filter: nil, threads: 2)
        let rows = try Self.time("JOIN 10M probe rows x 1M build rows (bigint key)") { try Self.drainCount(join) }
        #expect(rows == 10_000_000)
    }
}
