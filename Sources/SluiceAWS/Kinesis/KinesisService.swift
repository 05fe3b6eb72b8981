import Foundation
import SluiceCore
public import SluiceStreams

/// Kinesis Data Streams over JSON 1.1 (`X-Amz-Target: Kinesis_20131202.<Operation>`): decodes
/// each request, calls the ``StreamRegistry`` off the event loop, encodes the response.
public struct KinesisService: AWSJSONService {
    public let registry: StreamRegistry
    public var targetPrefix: String { "Kinesis_20131202" }

    /// The operations served, for `UnknownOperationException` and docs.
    public static let operations: [String] = [
        "AddTagsToStream", "CreateStream", "DecreaseStreamRetentionPeriod", "DeleteStream", "DescribeStream",
        "DescribeStreamSummary", "GetRecords", "GetShardIterator", "IncreaseStreamRetentionPeriod", "ListShards",
        "ListStreams", "ListTagsForStream", "PutRecord", "PutRecords", "RemoveTagsFromStream", "UpdateShardCount",
    ]

    public init(registry: StreamRegistry) {
        self.registry = registry
    }

    public func handle(operation: String, body: [UInt8]) async throws(AWSError) -> [UInt8] {
        let registry = self.registry
        switch operation {
        case "CreateStream":
            let input = try JSONCoding.decode(CreateStreamInput.self, from: body)
            let name = try input.streamName()
            let mode: StreamMetadata.Mode?
            switch input.StreamModeDetails?.StreamMode {
            case nil: mode = nil
            case let text?:
                guard let parsed = StreamMetadata.Mode(rawValue: text) else {
                    throw AWSError(type: "ValidationException", message: "1 validation error detected: Value '\(text)' at 'streamModeDetails.streamMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]")
                }
                mode = parsed
            }
            let tags = input.Tags ?? [:]
            try await BlockingWork.run { () throws(SluiceError) in
                try registry.createStream(
                    name: name, shardCount: input.ShardCount, mode: mode, tags: tags, maxRecordSizeKiB: input.MaxRecordSizeInKiB)
            }
            return try JSONCoding.encode(EmptyOutput())

        case "DeleteStream":
            let name = try JSONCoding.decode(StreamNameInput.self, from: body).streamName()
            try await BlockingWork.run { () throws(SluiceError) in try registry.deleteStream(name: name) }
            return try JSONCoding.encode(EmptyOutput())

        case "ListStreams":
            return try JSONCoding.encode(listStreams(try JSONCoding.decode(ListStreamsInput.self, from: body)))

        case "DescribeStream":
            let input = try JSONCoding.decode(DescribeStreamInput.self, from: body)
            let name = try input.streamName()
            let description = try await BlockingWork.run { () throws(SluiceError) in try registry.describe(name: name) }
            return try JSONCoding.encode(Self.describeStream(description, input: input))

        case "DescribeStreamSummary":
            let name = try JSONCoding.decode(StreamNameInput.self, from: body).streamName()
            let description = try await BlockingWork.run { () throws(SluiceError) in try registry.describe(name: name) }
            return try JSONCoding.encode(Self.summary(description))

        case "ListShards":
            let input = try JSONCoding.decode(ListShardsInput.self, from: body)
            return try JSONCoding.encode(try await listShards(input))

        case "PutRecord":
            let input = try JSONCoding.decode(PutRecordInput.self, from: body)
            let name = try input.streamName()
            let record = RecordInput(partitionKey: input.PartitionKey, explicitHashKey: input.ExplicitHashKey, data: Array(input.Data))
            let result = try await BlockingWork.run { () throws(SluiceError) in try registry.putRecord(streamName: name, record: record) }
            return try JSONCoding.encode(PutRecordOutput(ShardId: result.shardId, SequenceNumber: result.sequenceNumber))

        case "PutRecords":
            let input = try JSONCoding.decode(PutRecordsInput.self, from: body)
            let name = try input.streamName()
            let records = input.Records.map { RecordInput(partitionKey: $0.PartitionKey, explicitHashKey: $0.ExplicitHashKey, data: Array($0.Data)) }
            let outcomes = try await BlockingWork.run { () throws(SluiceError) in try registry.putRecords(streamName: name, records: records) }
            var failed = 0
            let entries = outcomes.map { outcome -> PutRecordsResultEntry in
                switch outcome {
                case .accepted(let shardId, let sequenceNumber):
                    return PutRecordsResultEntry(SequenceNumber: sequenceNumber, ShardId: shardId)
                case .failed(let code, let message):
                    failed += 1
                    return PutRecordsResultEntry(ErrorCode: code, ErrorMessage: message)
                }
            }
            return try JSONCoding.encode(PutRecordsOutput(FailedRecordCount: failed, Records: entries))

        case "GetShardIterator":
            let input = try JSONCoding.decode(GetShardIteratorInput.self, from: body)
            let name = try input.streamName()
            let start = try Self.iteratorStart(input)
            let iterator = try await BlockingWork.run { () throws(SluiceError) in
                try registry.shardIterator(streamName: name, shardId: input.ShardId, start: start)
            }
            return try JSONCoding.encode(GetShardIteratorOutput(ShardIterator: iterator))

        case "GetRecords":
            let input = try JSONCoding.decode(GetRecordsInput.self, from: body)
            let result = try await BlockingWork.run { () throws(SluiceError) in
                try registry.getRecords(shardIterator: input.ShardIterator, limit: input.Limit)
            }
            return try JSONCoding.encode(GetRecordsOutput(
                Records: result.records.map {
                    RecordShape(
                        SequenceNumber: $0.sequenceNumber, ApproximateArrivalTimestamp: Double($0.arrivalMilliseconds) / 1000,
                        Data: Data($0.data), PartitionKey: $0.partitionKey)
                },
                NextShardIterator: result.nextShardIterator, MillisBehindLatest: result.millisBehindLatest,
                ChildShards: result.childShards?.map {
                    ChildShard(ShardId: $0.shardId, ParentShards: $0.parentShards,
                        HashKeyRange: HashKeyRange(StartingHashKey: $0.startingHashKey, EndingHashKey: $0.endingHashKey))
                }))

        case "IncreaseStreamRetentionPeriod", "DecreaseStreamRetentionPeriod":
            let input = try JSONCoding.decode(RetentionInput.self, from: body)
            let name = try input.streamName()
            let increase = operation.hasPrefix("Increase")
            try await BlockingWork.run { () throws(SluiceError) in
                try registry.setRetention(name: name, hours: input.RetentionPeriodHours, increase: increase)
            }
            return try JSONCoding.encode(EmptyOutput())

        case "AddTagsToStream":
            let input = try JSONCoding.decode(AddTagsToStreamInput.self, from: body)
            let name = try input.streamName()
            try await BlockingWork.run { () throws(SluiceError) in try registry.addTags(name: name, tags: input.Tags) }
            return try JSONCoding.encode(EmptyOutput())

        case "RemoveTagsFromStream":
            let input = try JSONCoding.decode(RemoveTagsFromStreamInput.self, from: body)
            let name = try input.streamName()
            try await BlockingWork.run { () throws(SluiceError) in try registry.removeTags(name: name, keys: input.TagKeys) }
            return try JSONCoding.encode(EmptyOutput())

        case "ListTagsForStream":
            let input = try JSONCoding.decode(ListTagsForStreamInput.self, from: body)
            let name = try input.streamName()
            let description = try await BlockingWork.run { () throws(SluiceError) in try registry.describe(name: name) }
            let keys = description.metadata.tags.keys.sorted().filter { key in input.ExclusiveStartTagKey.map { key > $0 } ?? true }
            let limit = min(max(input.Limit ?? 50, 1), 50)
            return try JSONCoding.encode(ListTagsForStreamOutput(
                Tags: keys.prefix(limit).map { Tag(Key: $0, Value: description.metadata.tags[$0] ?? "") },
                HasMoreTags: keys.count > limit))

        case "UpdateShardCount":
            let input = try JSONCoding.decode(UpdateShardCountInput.self, from: body)
            let name = try input.streamName()
            guard input.ScalingType == "UNIFORM_SCALING" else {
                throw AWSError(type: "ValidationException", message: "1 validation error detected: Value '\(input.ScalingType)' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]")
            }
            let counts = try await BlockingWork.run { () throws(SluiceError) in
                try registry.updateShardCount(streamName: name, targetShardCount: input.TargetShardCount)
            }
            return try JSONCoding.encode(UpdateShardCountOutput(
                StreamName: name, CurrentShardCount: counts.current, TargetShardCount: counts.target,
                StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/\(name)"))

        default:
            throw AWSError.unknownOperation("\(targetPrefix).\(operation)")
        }
    }

    // MARK: - Shapes from domain values

    private func listStreams(_ input: ListStreamsInput) throws(AWSError) -> ListStreamsOutput {
        let limit = input.Limit ?? 100
        guard limit >= 1, limit <= 10_000 else {
            throw AWSError(type: "ValidationException", message: "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        let start = try input.NextToken.map(Self.decodeToken) ?? input.ExclusiveStartStreamName
        let (names, hasMore) = registry.listStreams(limit: limit, exclusiveStart: start)
        let metadata = Dictionary(registry.allMetadata().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let summaries = names.compactMap { name in
            metadata[name].map {
                StreamSummary(
                    StreamName: $0.name, StreamARN: $0.arn, StreamStatus: "ACTIVE",
                    StreamModeDetails: StreamModeDetails(StreamMode: $0.mode.rawValue),
                    StreamCreationTimestamp: Double($0.creationMilliseconds) / 1000)
            }
        }
        return ListStreamsOutput(
            StreamNames: names, HasMoreStreams: hasMore, NextToken: hasMore ? names.last.map(Self.encodeToken) : nil,
            StreamSummaries: summaries)
    }

    private func listShards(_ input: ListShardsInput) async throws(AWSError) -> ListShardsOutput {
        let name: String
        var after = input.ExclusiveStartShardId
        if let token = input.NextToken {
            guard input.StreamName == nil, input.StreamARN == nil else {
                throw AWSError(type: "InvalidArgumentException", message: "NextToken and StreamName cannot be provided together.")
            }
            let decoded = try Self.decodeToken(token)
            guard let bar = decoded.lastIndex(of: "|") else { throw AWSError(type: "InvalidArgumentException", message: "Invalid NextToken.") }
            name = String(decoded[..<bar])
            after = String(decoded[decoded.index(after: bar)...])
        } else {
            name = try input.streamName()
        }
        let registry = self.registry
        let description = try await BlockingWork.run { () throws(SluiceError) in try registry.describe(name: name) }
        var shards = description.shards
        switch input.ShardFilter?.filterType {
        case "AT_LATEST": shards = shards.filter { $0.endingSequenceNumber == nil }
        case "AFTER_SHARD_ID":
            if let id = input.ShardFilter?.ShardId { after = id }
        default: break
        }
        if let after { shards = shards.filter { $0.shardId > after } }
        let limit = input.MaxResults ?? 1000
        guard limit >= 1, limit <= 10_000 else {
            throw AWSError(type: "ValidationException", message: "1 validation error detected: Value '\(limit)' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        let page = Array(shards.prefix(limit))
        let token = shards.count > limit ? page.last.map { Self.encodeToken(name + "|" + $0.shardId) } : nil
        return ListShardsOutput(Shards: page.map(Self.shard), NextToken: token)
    }

    static func shard(_ shard: ShardDescription) -> Shard {
        Shard(
            ShardId: shard.shardId, ParentShardId: shard.parentShardId, AdjacentParentShardId: shard.adjacentParentShardId,
            HashKeyRange: HashKeyRange(StartingHashKey: shard.startingHashKey, EndingHashKey: shard.endingHashKey),
            SequenceNumberRange: SequenceNumberRange(
                StartingSequenceNumber: shard.startingSequenceNumber, EndingSequenceNumber: shard.endingSequenceNumber))
    }

    static func describeStream(_ description: StreamDescription, input: DescribeStreamInput) throws(AWSError) -> DescribeStreamOutput {
        let limit = input.Limit ?? 100
        guard limit >= 1, limit <= 10_000 else {
            throw AWSError(type: "ValidationException", message: "1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000")
        }
        let shards = description.shards.filter { shard in input.ExclusiveStartShardId.map { shard.shardId > $0 } ?? true }
        let metadata = description.metadata
        return DescribeStreamOutput(StreamDescription: StreamDescriptionShape(
            StreamName: metadata.name, StreamARN: metadata.arn, StreamStatus: description.status,
            StreamModeDetails: StreamModeDetails(StreamMode: metadata.mode.rawValue),
            Shards: shards.prefix(limit).map(shard), HasMoreShards: shards.count > limit,
            RetentionPeriodHours: metadata.retentionHours, StreamCreationTimestamp: Double(metadata.creationMilliseconds) / 1000,
            EnhancedMonitoring: [EnhancedMetrics()], EncryptionType: "NONE"))
    }

    static func summary(_ description: StreamDescription) -> DescribeStreamSummaryOutput {
        let metadata = description.metadata
        return DescribeStreamSummaryOutput(StreamDescriptionSummary: StreamDescriptionSummaryShape(
            StreamName: metadata.name, StreamARN: metadata.arn, StreamStatus: description.status,
            StreamModeDetails: StreamModeDetails(StreamMode: metadata.mode.rawValue),
            RetentionPeriodHours: metadata.retentionHours, StreamCreationTimestamp: Double(metadata.creationMilliseconds) / 1000,
            EnhancedMonitoring: [EnhancedMetrics()], EncryptionType: "NONE", OpenShardCount: metadata.openShards.count,
            ConsumerCount: 0, MaxRecordSizeInKiB: metadata.maxRecordSizeKiB))
    }

    static func iteratorStart(_ input: GetShardIteratorInput) throws(AWSError) -> ShardIteratorStart {
        func sequence() throws(AWSError) -> String {
            guard let sequence = input.StartingSequenceNumber else {
                throw AWSError(type: "InvalidArgumentException", message: "StartingSequenceNumber is required for ShardIteratorType \(input.ShardIteratorType).")
            }
            return sequence
        }
        switch input.ShardIteratorType {
        case "TRIM_HORIZON": return .trimHorizon
        case "LATEST": return .latest
        case "AT_SEQUENCE_NUMBER": return .atSequenceNumber(try sequence())
        case "AFTER_SEQUENCE_NUMBER": return .afterSequenceNumber(try sequence())
        case "AT_TIMESTAMP":
            guard let seconds = input.Timestamp else {
                throw AWSError(type: "InvalidArgumentException", message: "Timestamp is required for ShardIteratorType AT_TIMESTAMP.")
            }
            return .atTimestamp(Int64((seconds * 1000).rounded(.down)))
        default:
            throw AWSError(type: "ValidationException", message: "1 validation error detected: Value '\(input.ShardIteratorType)' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]")
        }
    }

    static func encodeToken(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    static func decodeToken(_ token: String) throws(AWSError) -> String {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
            throw AWSError(type: "InvalidArgumentException", message: "Invalid NextToken.")
        }
        return text
    }
}
