import Foundation
import SluiceCore
import SluiceTestSupport
import Synchronization
import Testing

@testable import SluiceStreams

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    let milliseconds = Mutex<Int64>(1_790_000_000_000)
    func advance(by delta: Int64) { milliseconds.withLock { $0 += delta } }
    var now: Int64 { milliseconds.withLock { $0 } }
}

@Suite("Stream registry: Kinesis semantics")
struct StreamRegistryTests {
    let folder: TemporaryFolder
    let clock = ManualClock()

    init() throws {
        folder = try TemporaryFolder()
    }

    func registry(limits: ShardWriteLimits? = nil) throws -> StreamRegistry {
        let clock = self.clock
        return try StreamRegistry(
            folder: folder.file("streams"),
            options: StreamRegistryOptions(shardWriteLimits: limits, clock: { clock.now }))
    }

    func readAll(_ registry: StreamRegistry, stream: String, shardId: String) throws -> [ReadRecord] {
        var iterator: String? = try registry.shardIterator(streamName: stream, shardId: shardId, start: .trimHorizon)
        var records: [ReadRecord] = []
        while let current = iterator {
            let result = try registry.getRecords(shardIterator: current, limit: 1000)
            records += result.records
            if result.records.isEmpty { break }
            iterator = result.nextShardIterator
        }
        return records
    }

    @Test("create, describe, list and delete")
    func lifecycle() throws {
        let registry = try registry()
        try registry.createStream(name: "clicks", shardCount: nil, mode: nil)
        try registry.createStream(name: "orders", shardCount: 3, mode: .provisioned, tags: ["team": "sales"])
        let clicks = try registry.describe(name: "clicks")
        #expect(clicks.metadata.mode == .onDemand)
        #expect(clicks.shards.map(\.shardId) == ["shardId-000000000000", "shardId-000000000001", "shardId-000000000002", "shardId-000000000003"])
        #expect(clicks.shards[1].startingHashKey == "85070591730234615865843651857942052864")
        #expect(clicks.metadata.retentionHours == 24)
        let orders = try registry.describe(name: "orders")
        #expect(orders.shards.count == 3)
        #expect(orders.metadata.tags == ["team": "sales"])
        #expect(registry.listStreams(limit: nil, exclusiveStart: nil).names == ["clicks", "orders"])
        #expect(registry.listStreams(limit: 1, exclusiveStart: nil) == (["clicks"], true))
        #expect(registry.listStreams(limit: 5, exclusiveStart: "clicks") == (["orders"], false))

        #expect { try registry.createStream(name: "clicks", shardCount: 1, mode: nil) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.inUse
        }
        #expect { try registry.createStream(name: "bad name!", shardCount: 1, mode: nil) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.validation
        }
        #expect { try registry.createStream(name: "p", shardCount: nil, mode: .provisioned) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
        try registry.deleteStream(name: "clicks")
        #expect(registry.listStreams(limit: nil, exclusiveStart: nil).names == ["orders"])
        #expect { try registry.describe(name: "clicks") } throws: {
            ($0 as? SluiceError)?.message == "Stream clicks under account 000000000000 not found."
        }
    }

    @Test("records route by MD5 hash key to the shard whose range holds it")
    func routing() throws {
        let registry = try registry()
        try registry.createStream(name: "events", shardCount: 4, mode: .provisioned)
        // md5("abc") starts 0x90…: above 2^127, so the third of four shards.
        let put = try registry.putRecord(streamName: "events", record: RecordInput(partitionKey: "abc", data: Array("x".utf8)))
        #expect(put.shardId == "shardId-000000000002")
        let explicit = try registry.putRecord(
            streamName: "events", record: RecordInput(partitionKey: "abc", explicitHashKey: "5", data: [1]))
        #expect(explicit.shardId == "shardId-000000000000")
        var perShard: [String: Int] = [:]
        let outcomes = try registry.putRecords(
            streamName: "events", records: (0..<400).map { RecordInput(partitionKey: "user-\($0)", data: Array("\($0)".utf8)) })
        for case .accepted(let shardId, _) in outcomes { perShard[shardId, default: 0] += 1 }
        #expect(perShard.count == 4)
        #expect(perShard.values.allSatisfy { $0 > 60 })
        for index in 0..<400 {
            let key = HashKey.of(partitionKey: "user-\(index)")
            let expected = HashKey.uniformRanges(count: 4).firstIndex { $0.contains(key) } ?? -1
            guard case .accepted(let shardId, _) = outcomes[index] else { Issue.record("record \(index) failed"); continue }
            #expect(shardId == ShardMetadata.id(index: expected))
        }
    }

    @Test("PutRecords reports an oversize record in place and writes the others")
    func partialFailure() throws {
        let registry = try registry()
        try registry.createStream(name: "events", shardCount: 1, mode: .provisioned)
        let outcomes = try registry.putRecords(streamName: "events", records: [
            RecordInput(partitionKey: "a", data: [1]),
            RecordInput(partitionKey: "b", data: Array(repeating: 0, count: (1 << 20) + 1)),
            RecordInput(partitionKey: "c", data: [3]),
        ])
        guard case .failed(let code, let message) = outcomes[1] else { Issue.record("expected a failure"); return }
        #expect(code == "InvalidArgumentException")
        #expect(message.contains("exceeds the maximum record size of 1048576 bytes"))
        let records = try readAll(registry, stream: "events", shardId: "shardId-000000000000")
        #expect(records.map(\.partitionKey) == ["a", "c"])
        guard case .accepted(_, let firstSequence) = outcomes[0], case .accepted(_, let lastSequence) = outcomes[2] else {
            Issue.record("expected acceptances"); return
        }
        #expect(records.map(\.sequenceNumber) == [firstSequence, lastSequence])
        let statistics = try #require(registry.statistics().first)
        #expect(statistics.name == "events" && statistics.openShardCount == 1)
        #expect(statistics.recordsWritten == 2 && statistics.bytesWritten == 2 && statistics.recordsRead == 2)
        #expect(statistics.storedBytes == 2 * (RecordFrame.headerBytes + RecordFrame.fixedBodyBytes + 2))
        #expect { try registry.putRecords(streamName: "events", records: Array(repeating: RecordInput(partitionKey: "k", data: [1]), count: 501)) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.validation
        }
        #expect { try registry.putRecords(streamName: "events", records: (0..<6).map { _ in RecordInput(partitionKey: "k", data: Array(repeating: 0, count: 1 << 20 - 10)) }) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
    }

    @Test("a stream created with a larger MaxRecordSizeInKiB takes larger records")
    func largeRecords() throws {
        let registry = try registry()
        try registry.createStream(name: "big", shardCount: 1, mode: .provisioned, maxRecordSizeKiB: 8192)
        let data = Array(repeating: UInt8(7), count: 6 << 20)
        #expect(try registry.putRecord(streamName: "big", record: RecordInput(partitionKey: "k", data: data)).shardId == "shardId-000000000000")
        #expect(try readAll(registry, stream: "big", shardId: "shardId-000000000000").first?.data == data)
        #expect(try registry.describe(name: "big").metadata.maxRecordSizeKiB == 8192)
        #expect { try registry.createStream(name: "huge", shardCount: 1, mode: .provisioned, maxRecordSizeKiB: 20_000) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.validation
        }
    }

    @Test("iterators: every start type, expiry, and garbage")
    func iterators() throws {
        let registry = try registry()
        try registry.createStream(name: "events", shardCount: 1, mode: .provisioned)
        let shard = "shardId-000000000000"
        var sequences: [String] = []
        for index in 0..<5 {
            sequences.append(try registry.putRecord(streamName: "events", record: RecordInput(partitionKey: "k", data: [UInt8(index)])).sequenceNumber)
            clock.advance(by: 1000)
        }
        func keys(_ start: ShardIteratorStart) throws -> [UInt8] {
            let iterator = try registry.shardIterator(streamName: "events", shardId: shard, start: start)
            return try registry.getRecords(shardIterator: iterator, limit: 100).records.map { $0.data[0] }
        }
        #expect(try keys(.trimHorizon) == [0, 1, 2, 3, 4])
        #expect(try keys(.latest) == [])
        #expect(try keys(.atSequenceNumber(sequences[2])) == [2, 3, 4])
        #expect(try keys(.afterSequenceNumber(sequences[2])) == [3, 4])
        #expect(try keys(.atTimestamp(clock.now - 2500)) == [3, 4])

        let latest = try registry.shardIterator(streamName: "events", shardId: shard, start: .latest)
        _ = try registry.putRecord(streamName: "events", record: RecordInput(partitionKey: "k", data: [5]))
        let result = try registry.getRecords(shardIterator: latest, limit: 10)
        #expect(result.records.map { $0.data[0] } == [5])
        #expect(result.millisBehindLatest == 0)
        #expect(result.records[0].arrivalMilliseconds == clock.now)
        let next = try #require(result.nextShardIterator)
        #expect(try registry.getRecords(shardIterator: next, limit: 10).records.isEmpty)

        clock.advance(by: 300_001)
        #expect { try registry.getRecords(shardIterator: next, limit: 10) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.expiredIterator
        }
        #expect { try registry.getRecords(shardIterator: "bm9wZQ==", limit: 10) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
        #expect { try registry.shardIterator(streamName: "events", shardId: "shardId-000000000009", start: .latest) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.notFound
        }
        #expect { try registry.shardIterator(streamName: "events", shardId: shard, start: .atSequenceNumber("123")) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
    }

    @Test("streams, records and tags survive a restart")
    func persistence() throws {
        do {
            let registry = try registry()
            try registry.createStream(name: "events", shardCount: 2, mode: .provisioned)
            _ = try registry.putRecords(streamName: "events", records: (0..<50).map { RecordInput(partitionKey: "k\($0)", data: [UInt8($0)]) })
            try registry.addTags(name: "events", tags: ["env": "test"])
            try registry.setRetention(name: "events", hours: 48, increase: true)
            try registry.close()
        }
        let registry = try registry()
        let description = try registry.describe(name: "events")
        #expect(description.metadata.tags == ["env": "test"])
        #expect(description.metadata.retentionHours == 48)
        let total = try description.shards.reduce(0) { $0 + (try readAll(registry, stream: "events", shardId: $1.shardId).count) }
        #expect(total == 50)
        #expect { try registry.setRetention(name: "events", hours: 24, increase: true) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
        #expect { try registry.setRetention(name: "events", hours: 12, increase: false) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
    }

    @Test("resharding closes parents at their last record and children take over the key space")
    func resharding() throws {
        let registry = try registry()
        try registry.createStream(name: "events", shardCount: 2, mode: .provisioned)
        _ = try registry.putRecords(streamName: "events", records: (0..<100).map { RecordInput(partitionKey: "k\($0)", data: [UInt8($0)]) })
        // 2 → 3: split each shard where the thirds fall, then merge the middle pieces.
        #expect(try registry.updateShardCount(streamName: "events", targetShardCount: 3) == (2, 3))
        let description = try registry.describe(name: "events")
        let open = description.shards.filter { $0.endingSequenceNumber == nil }
            .sorted { (UInt128($0.startingHashKey) ?? 0) < (UInt128($1.startingHashKey) ?? 0) }
        #expect(open.map(\.startingHashKey) == HashKey.uniformRanges(count: 3).map { String($0.lowerBound) })
        #expect(open.map(\.endingHashKey) == HashKey.uniformRanges(count: 3).map { String($0.upperBound) })
        let parent = try #require(description.shards.first { $0.shardId == "shardId-000000000000" })
        let parentRecords = try readAll(registry, stream: "events", shardId: parent.shardId)
        #expect(parent.endingSequenceNumber == parentRecords.last?.sequenceNumber)
        let merged = try #require(open.first { $0.adjacentParentShardId != nil })
        #expect(merged.parentShardId != nil)

        // Reading a closed shard to its end gives no next iterator but the children.
        var iterator = try registry.shardIterator(streamName: "events", shardId: parent.shardId, start: .trimHorizon)
        var result = try registry.getRecords(shardIterator: iterator, limit: 10_000)
        if let next = result.nextShardIterator {
            iterator = next
            result = try registry.getRecords(shardIterator: iterator, limit: 10_000)
        }
        #expect(result.nextShardIterator == nil)
        #expect(result.childShards?.isEmpty == false)
        #expect(result.childShards?.allSatisfy { $0.parentShards.contains(parent.shardId) } == true)

        // New records land only in open shards; nothing was lost.
        let outcomes = try registry.putRecords(streamName: "events", records: (100..<200).map { RecordInput(partitionKey: "k\($0)", data: [UInt8($0 % 256)]) })
        let openIds = Set(open.map(\.shardId))
        for case .accepted(let shardId, _) in outcomes { #expect(openIds.contains(shardId)) }
        let total = try description.shards.reduce(0) { $0 + (try readAll(registry, stream: "events", shardId: $1.shardId).count) }
        #expect(total == 200)

        // Limits: at most double, at least half.
        #expect { try registry.updateShardCount(streamName: "events", targetShardCount: 7) } throws: {
            ($0 as? SluiceError)?.code == StreamError.Code.invalidArgument
        }
        #expect(try registry.updateShardCount(streamName: "events", targetShardCount: 6) == (3, 6))
        #expect(try registry.describe(name: "events").shards.filter { $0.endingSequenceNumber == nil }.count == 6)
        #expect(try registry.updateShardCount(streamName: "events", targetShardCount: 3) == (6, 3))

        // A day later every closed shard's records have expired: the shards are dropped.
        clock.advance(by: 24 * 3_600_000 + 1)
        let shardsBefore = try registry.describe(name: "events").shards.count
        #expect(try registry.enforceRetention() >= shardsBefore - 3)
        let remaining = try registry.describe(name: "events").shards
        #expect(remaining.count == 3 && remaining.allSatisfy { $0.endingSequenceNumber == nil })
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder.file("streams/events")).filter { $0.hasPrefix("shardId-") }
        #expect(Set(folders) == Set(remaining.map(\.shardId)))
    }

    @Test("per-shard write limits refuse records past the allowance when turned on")
    func writeLimits() throws {
        let registry = try registry(limits: ShardWriteLimits(recordsPerSecond: 3, bytesPerSecond: 1 << 20))
        try registry.createStream(name: "events", shardCount: 1, mode: .provisioned)
        let outcomes = try registry.putRecords(streamName: "events", records: (0..<5).map { RecordInput(partitionKey: "k\($0)", data: [1]) })
        let failures = outcomes.filter { if case .failed(let code, _) = $0 { code == "ProvisionedThroughputExceededException" } else { false } }
        #expect(failures.count == 2)
        clock.advance(by: 1000)
        #expect(try registry.putRecord(streamName: "events", record: RecordInput(partitionKey: "k", data: [1])).shardId == "shardId-000000000000")
    }

    @Test("retention enforcement deletes segments older than the stream's retention")
    func retention() throws {
        let clock = self.clock
        let registry = try StreamRegistry(
            folder: folder.file("streams"),
            options: StreamRegistryOptions(log: ShardLogOptions(segmentSizeBytes: 200), clock: { clock.now }))
        try registry.createStream(name: "events", shardCount: 1, mode: .provisioned)
        for _ in 0..<10 {
            _ = try registry.putRecord(streamName: "events", record: RecordInput(partitionKey: "k", data: Array(repeating: 1, count: 100)))
        }
        clock.advance(by: 25 * 3_600_000)
        // Large enough to start a segment of its own: retention deletes whole segments.
        _ = try registry.putRecord(streamName: "events", record: RecordInput(partitionKey: "k", data: [2] + Array(repeating: 0, count: 99)))
        #expect(try registry.enforceRetention() == 10)
        #expect(try readAll(registry, stream: "events", shardId: "shardId-000000000000").map { $0.data[0] } == [2])
    }
}
