import Foundation

/// How the stream registry stores and limits streams.
public struct StreamRegistryOptions: Sendable {
    /// Segment size and durability of every shard's log.
    public var log: ShardLogOptions
    /// Per-shard write limits (Kinesis: 1 MiB/s and 1,000 records/s); `nil` turns them off,
    /// the default, since one machine has no neighbours to protect.
    public var shardWriteLimits: ShardWriteLimits?
    /// Shards of an ON_DEMAND stream (Kinesis starts them with 4).
    public var onDemandShardCount: Int
    /// How long a shard iterator stays valid (Kinesis: 5 minutes).
    public var iteratorLifetimeMilliseconds: Int64
    /// The clock, in milliseconds since 1970; tests pass a fake one.
    public var clock: @Sendable () -> Int64

    /// Milliseconds since 1970 by the system clock.
    public static func systemClock() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// Kinesis's default and bounds of retention, in hours (24 hours to 365 days).
    public static let defaultRetentionHours = 24
    public static let minimumRetentionHours = 24
    public static let maximumRetentionHours = 8760
    /// Shards per stream. Every shard holds an open file, so the count is bounded (Kinesis's
    /// default account quota is 500 shards as well).
    public static let maximumShardCount = 500
    /// Records in one PutRecords (Kinesis: 500).
    public static let maximumRecordsPerRequest = 500
    /// Bytes of data and partition keys in one PutRecords (Kinesis: 5 MiB).
    public static let maximumRequestBytes = 5 << 20
    /// The default largest record, data and partition key together (Kinesis: 1 MiB).
    public static let defaultMaximumRecordBytes = 1 << 20
    /// The largest record a stream may be created to accept (Kinesis's `MaxRecordSizeInKiB`
    /// goes up to 10 MiB); a PutRecord of one such record may exceed the 5 MiB request limit.
    public static let largestMaximumRecordBytes = 10 << 20
    /// Records one GetRecords may return (Kinesis: 10,000) and bytes (Kinesis: 10 MiB).
    public static let maximumGetRecordsLimit = 10_000
    public static let maximumGetRecordsBytes = 10 << 20
    /// Tags per stream (Kinesis: 50).
    public static let maximumTagCount = 50

    public init(
        log: ShardLogOptions = ShardLogOptions(), shardWriteLimits: ShardWriteLimits? = nil, onDemandShardCount: Int = 4,
        iteratorLifetimeMilliseconds: Int64 = ShardIterator.lifetimeMilliseconds,
        clock: @escaping @Sendable () -> Int64 = StreamRegistryOptions.systemClock
    ) {
        self.log = log
        self.shardWriteLimits = shardWriteLimits
        self.onDemandShardCount = onDemandShardCount
        self.iteratorLifetimeMilliseconds = iteratorLifetimeMilliseconds
        self.clock = clock
    }
}

/// Per-shard write limits within each second.
public struct ShardWriteLimits: Sendable, Equatable {
    public var recordsPerSecond: Int
    public var bytesPerSecond: Int

    /// Kinesis's limits: 1,000 records or 1 MiB per second per shard.
    public static let kinesis = ShardWriteLimits(recordsPerSecond: 1000, bytesPerSecond: 1 << 20)

    public init(recordsPerSecond: Int, bytesPerSecond: Int) {
        self.recordsPerSecond = recordsPerSecond
        self.bytesPerSecond = bytesPerSecond
    }
}
