import Foundation
import SluiceCore

/// A stream the registry has open: its metadata, one log per shard and the write limiters.
/// Writes, reshards and metadata changes of one stream take its lock, so a put never lands in
/// a shard that a reshard is closing; waiting for durability happens after the lock is let go.
final class OpenStream: @unchecked Sendable {
    // @unchecked: `metadata`, `logs`, `limiters`, `isDeleted` and the counters change only while `lock` is held.
    let folder: String
    let lock = NSLock()
    var metadata: StreamMetadata
    var logs: [Int: ShardLog]
    var limiters: [Int: ShardWriteLimiter] = [:]
    var isDeleted = false
    /// Since the process started: records and data bytes accepted, and records handed to readers.
    var recordsWritten: UInt64 = 0
    var bytesWritten: UInt64 = 0
    var recordsRead: UInt64 = 0
    /// Open shards sorted by starting hash key, for routing.
    private(set) var routing: [(range: ClosedRange<UInt128>, index: Int)] = []

    init(folder: String, metadata: StreamMetadata, logs: [Int: ShardLog]) {
        self.folder = folder
        self.metadata = metadata
        self.logs = logs
        rebuildRouting()
    }

    func rebuildRouting() {
        routing = metadata.openShards.map { ($0.hashKeyRange, $0.index) }.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// The open shard whose range holds `hashKey`.
    func shardIndex(for hashKey: UInt128) -> Int? {
        var low = 0
        var high = routing.count
        while low < high {
            let middle = (low + high) / 2
            if routing[middle].range.lowerBound <= hashKey { low = middle + 1 } else { high = middle }
        }
        guard low > 0, routing[low - 1].range.contains(hashKey) else { return nil }
        return routing[low - 1].index
    }

    func shard(_ index: Int) -> ShardMetadata? {
        metadata.shards.first { $0.index == index }
    }

    func log(_ index: Int) throws(SluiceError) -> ShardLog {
        guard let log = logs[index] else {
            throw SluiceError.internal("Shard \(ShardMetadata.id(index: index)) of stream \(metadata.name) has no log.", domain: .stream)
        }
        return log
    }
}
