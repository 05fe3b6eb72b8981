/// Where a GetShardIterator starts reading.
public enum ShardIteratorStart: Sendable, Equatable {
    case trimHorizon
    case latest
    case atSequenceNumber(String)
    case afterSequenceNumber(String)
    /// Milliseconds since 1970.
    case atTimestamp(Int64)
}

/// One record of a PutRecord(s) request.
public struct RecordInput: Sendable, Equatable {
    public var partitionKey: String
    public var explicitHashKey: String?
    public var data: [UInt8]

    public init(partitionKey: String, explicitHashKey: String? = nil, data: [UInt8]) {
        self.partitionKey = partitionKey
        self.explicitHashKey = explicitHashKey
        self.data = data
    }
}

/// The outcome of one record of a PutRecords request: accepted with its shard and sequence
/// number, or refused with a Kinesis error code and message (the other records still count).
public enum PutOutcome: Sendable, Equatable {
    case accepted(shardId: String, sequenceNumber: String)
    case failed(errorCode: String, message: String)
}

/// A shard as DescribeStream and ListShards show it.
public struct ShardDescription: Sendable, Equatable {
    public var shardId: String
    public var parentShardId: String?
    public var adjacentParentShardId: String?
    public var startingHashKey: String
    public var endingHashKey: String
    public var startingSequenceNumber: String
    public var endingSequenceNumber: String?
}

/// A stream as DescribeStream shows it.
public struct StreamDescription: Sendable, Equatable {
    public var metadata: StreamMetadata
    public var shards: [ShardDescription]
    public var status: String { "ACTIVE" }
}

/// A record handed to a reader.
public struct ReadRecord: Sendable, Equatable {
    public var sequenceNumber: String
    public var arrivalMilliseconds: Int64
    public var partitionKey: String
    public var data: [UInt8]
}

/// A child shard reported when a reader reaches the end of a closed shard.
public struct ChildShardDescription: Sendable, Equatable {
    public var shardId: String
    public var parentShards: [String]
    public var startingHashKey: String
    public var endingHashKey: String
}

/// One stream's activity since the server started, and its size on disk.
public struct StreamStatistics: Sendable, Equatable {
    public var name: String
    public var openShardCount: Int
    public var recordsWritten: UInt64
    public var bytesWritten: UInt64
    public var recordsRead: UInt64
    public var storedBytes: Int
}

/// What a GetRecords returns.
public struct GetRecordsResult: Sendable, Equatable {
    public var records: [ReadRecord]
    /// `nil` once a closed shard has been read to its end.
    public var nextShardIterator: String?
    public var millisBehindLatest: Int64
    /// Set at the end of a closed shard: where to read on.
    public var childShards: [ChildShardDescription]?
}
