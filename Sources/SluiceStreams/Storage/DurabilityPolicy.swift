/// When an appended record counts as durable, and so may be acknowledged.
public enum DurabilityPolicy: Sendable, Equatable {
    /// Every request waits for an `fdatasync` covering its records before it is answered.
    /// Requests that arrive while a sync runs share the next one, so concurrent writers
    /// already batch a little.
    case syncPerRequest
    /// The first writer waits `windowMilliseconds` before syncing so that the concurrent
    /// writers of that window share one `fdatasync`: more throughput, a little more latency.
    case groupCommit(windowMilliseconds: Int)
    /// No sync: records are acknowledged once written to the page cache. A process crash
    /// keeps them; a machine crash may not. For tests and throwaway streams only.
    case noSync
}

/// Sizes and policies of a shard's log.
public struct ShardLogOptions: Sendable, Equatable {
    /// A segment is closed and a new one started once it would grow past this size. Retention
    /// deletes whole segments, so this is also the granularity of retention.
    public var segmentSizeBytes: Int
    public var durability: DurabilityPolicy

    /// 64 MiB segments: big enough that rolling is rare, small enough that retention frees
    /// space in useful steps.
    public static let defaultSegmentSizeBytes = 64 << 20

    public init(segmentSizeBytes: Int = ShardLogOptions.defaultSegmentSizeBytes, durability: DurabilityPolicy = .syncPerRequest) {
        self.segmentSizeBytes = segmentSizeBytes
        self.durability = durability
    }
}
