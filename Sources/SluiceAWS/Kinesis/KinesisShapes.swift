import Foundation

// The request and response shapes of the Kinesis Data Streams API (JSON 1.1, API version
// 2013-12-02), member names exactly as in the service model. Only the members Sluice acts on
// are decoded; unknown members are ignored, as AWS does.

/// Members every stream-addressed request may use: a name or an ARN.
protocol StreamAddressed {
    var StreamName: String? { get }
    var StreamARN: String? { get }
}

extension StreamAddressed {
    /// The stream's name, from `StreamName` or the last part of `StreamARN`.
    func streamName() throws(AWSError) -> String {
        if let name = StreamName { return name }
        if let arn = StreamARN, let slash = arn.lastIndex(of: "/"), arn.contains(":stream/") {
            return String(arn[arn.index(after: slash)...])
        }
        if let arn = StreamARN {
            throw AWSError(type: "InvalidArgumentException", message: "StreamARN '\(arn)' is not a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>).")
        }
        throw AWSError(type: "ValidationException", message: "Either StreamName or StreamARN must be provided.")
    }
}

struct StreamModeDetails: Codable, Sendable {
    var StreamMode: String
}

struct CreateStreamInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String? { nil }
    var ShardCount: Int?
    var StreamModeDetails: StreamModeDetails?
    var Tags: [String: String]?
    var MaxRecordSizeInKiB: Int?
}

struct StreamNameInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
}

struct ListStreamsInput: Decodable {
    var Limit: Int?
    var ExclusiveStartStreamName: String?
    var NextToken: String?
}

struct StreamSummary: Encodable {
    var StreamName: String
    var StreamARN: String
    var StreamStatus: String
    var StreamModeDetails: StreamModeDetails
    var StreamCreationTimestamp: Double
}

struct ListStreamsOutput: Encodable {
    var StreamNames: [String]
    var HasMoreStreams: Bool
    var NextToken: String?
    var StreamSummaries: [StreamSummary]
}

struct HashKeyRange: Encodable {
    var StartingHashKey: String
    var EndingHashKey: String
}

struct SequenceNumberRange: Encodable {
    var StartingSequenceNumber: String
    var EndingSequenceNumber: String?
}

struct Shard: Encodable {
    var ShardId: String
    var ParentShardId: String?
    var AdjacentParentShardId: String?
    var HashKeyRange: HashKeyRange
    var SequenceNumberRange: SequenceNumberRange
}

struct EnhancedMetrics: Encodable {
    var ShardLevelMetrics: [String] = []
}

struct DescribeStreamInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var Limit: Int?
    var ExclusiveStartShardId: String?
}

struct StreamDescriptionShape: Encodable {
    var StreamName: String
    var StreamARN: String
    var StreamStatus: String
    var StreamModeDetails: StreamModeDetails
    var Shards: [Shard]
    var HasMoreShards: Bool
    var RetentionPeriodHours: Int
    var StreamCreationTimestamp: Double
    var EnhancedMonitoring: [EnhancedMetrics]
    var EncryptionType: String
}

struct DescribeStreamOutput: Encodable {
    var StreamDescription: StreamDescriptionShape
}

struct StreamDescriptionSummaryShape: Encodable {
    var StreamName: String
    var StreamARN: String
    var StreamStatus: String
    var StreamModeDetails: StreamModeDetails
    var RetentionPeriodHours: Int
    var StreamCreationTimestamp: Double
    var EnhancedMonitoring: [EnhancedMetrics]
    var EncryptionType: String
    var OpenShardCount: Int
    var ConsumerCount: Int
    var MaxRecordSizeInKiB: Int
}

struct DescribeStreamSummaryOutput: Encodable {
    var StreamDescriptionSummary: StreamDescriptionSummaryShape
}

struct ShardFilter: Decodable {
    var filterType: String
    var ShardId: String?
    var Timestamp: Double?

    enum CodingKeys: String, CodingKey {
        case filterType = "Type"
        case ShardId, Timestamp
    }
}

struct ListShardsInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var NextToken: String?
    var ExclusiveStartShardId: String?
    var MaxResults: Int?
    var ShardFilter: ShardFilter?
}

struct ListShardsOutput: Encodable {
    var Shards: [Shard]
    var NextToken: String?
}

struct PutRecordInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var Data: Data
    var PartitionKey: String
    var ExplicitHashKey: String?
    var SequenceNumberForOrdering: String?
}

struct PutRecordOutput: Encodable {
    var ShardId: String
    var SequenceNumber: String
    var EncryptionType: String = "NONE"
}

struct PutRecordsRequestEntry: Decodable {
    var Data: Data
    var PartitionKey: String
    var ExplicitHashKey: String?
}

struct PutRecordsInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var Records: [PutRecordsRequestEntry]
}

struct PutRecordsResultEntry: Encodable {
    var SequenceNumber: String?
    var ShardId: String?
    var ErrorCode: String?
    var ErrorMessage: String?
}

struct PutRecordsOutput: Encodable {
    var FailedRecordCount: Int
    var Records: [PutRecordsResultEntry]
    var EncryptionType: String = "NONE"
}

struct GetShardIteratorInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var ShardId: String
    var ShardIteratorType: String
    var StartingSequenceNumber: String?
    var Timestamp: Double?
}

struct GetShardIteratorOutput: Encodable {
    var ShardIterator: String
}

struct GetRecordsInput: Decodable {
    var ShardIterator: String
    var Limit: Int?
}

struct RecordShape: Encodable {
    var SequenceNumber: String
    var ApproximateArrivalTimestamp: Double
    var Data: Data
    var PartitionKey: String
}

struct ChildShard: Encodable {
    var ShardId: String
    var ParentShards: [String]
    var HashKeyRange: HashKeyRange
}

struct GetRecordsOutput: Encodable {
    var Records: [RecordShape]
    var NextShardIterator: String?
    var MillisBehindLatest: Int64
    var ChildShards: [ChildShard]?
}

struct RetentionInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var RetentionPeriodHours: Int
}

struct AddTagsToStreamInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var Tags: [String: String]
}

struct RemoveTagsFromStreamInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var TagKeys: [String]
}

struct ListTagsForStreamInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var ExclusiveStartTagKey: String?
    var Limit: Int?
}

struct Tag: Encodable {
    var Key: String
    var Value: String
}

struct ListTagsForStreamOutput: Encodable {
    var Tags: [Tag]
    var HasMoreTags: Bool
}

struct UpdateShardCountInput: Decodable, StreamAddressed {
    var StreamName: String?
    var StreamARN: String?
    var TargetShardCount: Int
    var ScalingType: String
}

struct UpdateShardCountOutput: Encodable {
    var StreamName: String
    var CurrentShardCount: Int
    var TargetShardCount: Int
    var StreamARN: String
}
