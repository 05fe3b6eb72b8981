/// What Sluice remembers about a stream besides its records: shards with their hash-key
/// ranges and lineage, retention, tags and mode. Stored as `stream.json` in the stream's folder.
public struct StreamMetadata: Codable, Sendable, Equatable {
    /// Kinesis's capacity modes. Sluice treats both alike; the mode decides the default shard
    /// count and is reported back to clients.
    public enum Mode: String, Codable, Sendable {
        case provisioned = "PROVISIONED"
        case onDemand = "ON_DEMAND"
    }

    public var name: String
    public var creationMilliseconds: Int64
    public var mode: Mode
    public var retentionHours: Int
    public var tags: [String: String]
    public var shards: [ShardMetadata]
    /// The largest record, data and partition key together, in KiB (Kinesis's `MaxRecordSizeInKiB`).
    public var maxRecordSizeKiB: Int

    public init(
        name: String, creationMilliseconds: Int64, mode: Mode, retentionHours: Int, tags: [String: String],
        shards: [ShardMetadata], maxRecordSizeKiB: Int = 1024
    ) {
        self.name = name
        self.creationMilliseconds = creationMilliseconds
        self.mode = mode
        self.retentionHours = retentionHours
        self.tags = tags
        self.shards = shards
        self.maxRecordSizeKiB = maxRecordSizeKiB
    }

    /// Shards that still take records.
    public var openShards: [ShardMetadata] { shards.filter(\.isOpen) }

    public var arn: String { "arn:aws:kinesis:us-east-1:000000000000:stream/\(name)" }

    public func sequenceNumber(shardIndex: Int, position: UInt64) -> SequenceNumber {
        SequenceNumber(streamCreationMilliseconds: creationMilliseconds, shardIndex: shardIndex, position: position)
    }
}

/// One shard: its id, hash-key range, parents after a reshard, and — once closed by a
/// reshard — the position after its last record.
public struct ShardMetadata: Codable, Sendable, Equatable {
    public var index: Int
    public var parentIndex: Int?
    public var adjacentParentIndex: Int?
    /// Decimal strings, as the API shows them (JSON has no 128-bit integers).
    public var startingHashKey: String
    public var endingHashKey: String
    /// Set when a reshard closed the shard: one past its last record's position.
    public var closedAtPosition: UInt64?
    /// When a reshard closed the shard (milliseconds since 1970). Once that is longer ago than
    /// the retention period, all its records have expired and the shard is dropped, as Kinesis
    /// drops closed shards.
    public var closedMilliseconds: Int64?

    public init(index: Int, range: ClosedRange<UInt128>, parentIndex: Int? = nil, adjacentParentIndex: Int? = nil) {
        self.index = index
        self.parentIndex = parentIndex
        self.adjacentParentIndex = adjacentParentIndex
        self.startingHashKey = String(range.lowerBound)
        self.endingHashKey = String(range.upperBound)
        self.closedAtPosition = nil
        self.closedMilliseconds = nil
    }

    public var id: String { ShardMetadata.id(index: index) }
    public var isOpen: Bool { closedAtPosition == nil }

    public var hashKeyRange: ClosedRange<UInt128> {
        (UInt128(startingHashKey) ?? 0)...(UInt128(endingHashKey) ?? .max)
    }

    /// `shardId-000000000007`, as Kinesis names shards.
    public static func id(index: Int) -> String {
        let digits = String(index)
        return "shardId-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }

    /// The index in a shard id, if it is one.
    public static func index(id: String) -> Int? {
        guard id.hasPrefix("shardId-"), id.utf8.count == 20 else { return nil }
        return Int(id.dropFirst(8))
    }
}
