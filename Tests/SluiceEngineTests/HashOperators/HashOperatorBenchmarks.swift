import Foundation
import Testing
import SluiceCore
import SluiceEngine

/// Timings of the hash operators on the benchmark's shapes, on 1 and 2 threads. Off by default
/// (they want a release build and seconds of CPU):
/// `swift build -c release --build-tests -Xswiftc -enable-testing`, then
/// `SLUICE_BENCHMARK=1 .build/release/SluicePackageTests.xctest --testing-library swift-testing --filter HashOperatorBenchmarks`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SLUICE_BENCHMARK"] == "1"), .serialized)
struct HashOperatorBenchmarks {
    static let batchRows = 65_536

    /// `rows` rows dealt batch by batch into `laneCount` lanes, filled by `fill(builders, row)`.
    static func lanes(rows: Int, laneCount: Int, schema: Schema, fill: ([ColumnBuilder], Int) -> Void) throws -> [[RecordBatch]] {
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
        return laneBatches
    }

    static func sources(_ lanes: [[RecordBatch]], _ schema: Schema) -> [any PhysicalOperator] {
        lanes.map { BatchesOperator(schema: schema, batches: $0) }
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
        let lanes = try Self.lanes(rows: 10_000_000, laneCount: 2, schema: schema) { builders, row in
            builders[0].append(string: categories[(row &* 7919) % categories.count])
            builders[1].append(int: Int64(row % 1000))
        }
        for threads in [1, 2] {
            let aggregate = try PhysicalHashAggregate(
                inputs: Self.sources(lanes, schema), groupKeys: [0],
                aggregates: [AggregateCall(kind: .sum, input: 1, resultType: .int64, name: "sum(amount)")], threads: threads)
            let rows = try Self.time("GROUP BY string (10 values), sum, 10M rows, \(threads) threads") { try Self.drainCount(aggregate) }
            #expect(rows == 10)
        }
    }

    @Test func groupByIntegerKeyWithMillionGroups() throws {
        let schema = Schema([Field("user_id", .int64), Field("amount", .int64)])
        let lanes = try Self.lanes(rows: 10_000_000, laneCount: 2, schema: schema) { builders, row in
            builders[0].append(int: Int64((row &* 2_654_435_761) % 1_000_000))
            builders[1].append(int: Int64(row % 1000))
        }
        for threads in [1, 2] {
            let aggregate = try PhysicalHashAggregate(
                inputs: Self.sources(lanes, schema), groupKeys: [0],
                aggregates: [AggregateCall(kind: .countStar, input: nil, resultType: .int64, name: "count(*)"),
                             AggregateCall(kind: .sum, input: 1, resultType: .int64, name: "sum(amount)")], threads: threads)
            let rows = try Self.time("GROUP BY bigint (1M groups), count, sum, 10M rows, \(threads) threads") { try Self.drainCount(aggregate) }
            #expect(rows == 1_000_000)
            print("BENCHMARK memory: \(aggregate.memoryUsedBytes / 1_048_576) MiB")
        }
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
        for threads in [1, 2] {
            let join = try PhysicalHashJoin(
                left: Self.sources(probe, probeSchema), right: Self.sources(build, buildSchema), leftKeys: [0], rightKeys: [0],
                type: .inner, filter: nil, threads: threads)
            let rows = try Self.time("JOIN 10M probe x 1M build rows (bigint key), \(threads) threads") { try Self.drainCount(join) }
            #expect(rows == 10_000_000)
        }
    }
}
