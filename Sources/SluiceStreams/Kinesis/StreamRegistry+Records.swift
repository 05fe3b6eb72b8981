import Foundation
public import SluiceCore

extension StreamRegistry {
    /// PutRecords: routes each record by its hash key to an open shard, appends every shard's
    /// records in request order, and returns once they are durable. Records refused on their own
    /// (too large, over a shard's write limit) are reported in place; the others are written.
    public func putRecords(streamName: String, records: [RecordInput]) throws(SluiceError) -> [PutOutcome] {
        guard !records.isEmpty else {
            throw StreamError.validation("1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1")
        }
        guard records.count <= StreamRegistryOptions.maximumRecordsPerRequest else {
            throw StreamError.validation("1 validation error detected: Value at 'records' failed to satisfy constraint: Member must have length less than or equal to \(StreamRegistryOptions.maximumRecordsPerRequest) (the request has \(records.count) records)")
        }
        var totalBytes = 0
        var hashKeys: [UInt128] = []
        hashKeys.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            let keyLength = record.partitionKey.count
            guard keyLength >= 1, keyLength <= 256 else {
                throw StreamError.validation("1 validation error detected: Value '\(record.partitionKey.prefix(300))' at 'records.\(index + 1).member.partitionKey' failed to satisfy constraint: Member must have length between 1 and 256")
            }
            totalBytes += record.data.count + record.partitionKey.utf8.count
            hashKeys.append(try record.explicitHashKey.map(HashKey.parse(explicit:)) ?? HashKey.of(partitionKey: record.partitionKey))
        }
        let stream = try stream(streamName)
        // One record may be as large as the stream allows; several share the request limit.
        let requestLimit = records.count == 1
            ? max(StreamRegistryOptions.maximumRequestBytes, stream.lock.locked { stream.metadata.maxRecordSizeKiB * 1024 })
            : StreamRegistryOptions.maximumRequestBytes
        guard totalBytes <= requestLimit else {
            throw StreamError.invalidArgument("Records size exceeds the \(requestLimit >> 20) MiB limit for a PutRecords request: the request holds \(totalBytes) bytes of data and partition keys.",
                hint: "Send fewer or smaller records per request.")
        }
        let now = self.now
        var outcomes = [PutOutcome?](repeating: nil, count: records.count)
        var appended: [(log: ShardLog, batch: ShardLog.Appended)] = []
        try stream.lock.locked { () throws(SluiceError) in
            guard !stream.isDeleted else { throw StreamError.streamNotFound(streamName) }
            let maximumRecordBytes = stream.metadata.maxRecordSizeKiB * 1024
            var byShard: [Int: [Int]] = [:]
            var shardOrder: [Int] = []
            for (index, record) in records.enumerated() {
                guard let shardIndex = stream.shardIndex(for: hashKeys[index]) else {
                    throw SluiceError.internal("No open shard of stream \(streamName) covers hash key \(hashKeys[index]).", domain: .stream)
                }
                let size = record.data.count + record.partitionKey.utf8.count
                if size > maximumRecordBytes {
                    outcomes[index] = .failed(
                        errorCode: "InvalidArgumentException",
                        message: "Record size \(size) bytes (data and partition key) exceeds the maximum record size of \(maximumRecordBytes) bytes of stream \(streamName).")
                    continue
                }
                if let limits = options.shardWriteLimits,
                    !stream.limiters[shardIndex, default: ShardWriteLimiter()].admit(sizeBytes: size, nowMilliseconds: now, limits: limits)
                {
                    outcomes[index] = .failed(
                        errorCode: "ProvisionedThroughputExceededException",
                        message: "Rate exceeded for shard \(ShardMetadata.id(index: shardIndex)) in stream \(streamName) under account 000000000000.")
                    continue
                }
                if byShard[shardIndex] == nil { shardOrder.append(shardIndex) }
                byShard[shardIndex, default: []].append(index)
            }
            for shardIndex in shardOrder {
                let indexes = byShard[shardIndex] ?? []
                let log = try stream.log(shardIndex)
                let batch = try log.append(
                    indexes.map { RecordToAppend(partitionKey: records[$0].partitionKey, data: records[$0].data) },
                    nowMilliseconds: now)
                appended.append((log, batch))
                stream.recordsWritten += UInt64(indexes.count)
                stream.bytesWritten += UInt64(indexes.reduce(0) { $0 + records[$1].data.count })
                let shardId = ShardMetadata.id(index: shardIndex)
                for (offset, recordIndex) in indexes.enumerated() {
                    let sequence = stream.metadata.sequenceNumber(shardIndex: shardIndex, position: batch.firstPosition + UInt64(offset))
                    outcomes[recordIndex] = .accepted(shardId: shardId, sequenceNumber: sequence.description)
                }
            }
        }
        for (log, batch) in appended { try log.waitUntilDurable(batch) }
        return outcomes.map { $0 ?? .failed(errorCode: "InternalFailure", message: "Internal service failure.") }
    }

    /// PutRecord: one record; a refusal is thrown as its Kinesis error.
    public func putRecord(streamName: String, record: RecordInput) throws(SluiceError) -> (shardId: String, sequenceNumber: String) {
        switch try putRecords(streamName: streamName, records: [record]).first {
        case .accepted(let shardId, let sequenceNumber):
            return (shardId, sequenceNumber)
        case .failed(let code, let message):
            if code == "ProvisionedThroughputExceededException" {
                throw SluiceError(domain: .stream, code: StreamError.Code.throughputExceeded, message: message,
                    hint: "Back off and retry, or add shards with UpdateShardCount.")
            }
            throw StreamError.invalidArgument(message, hint: "Split the record, or send large payloads to the lake and put their location in the stream.")
        case nil:
            throw SluiceError.internal("PutRecord produced no outcome.", domain: .stream)
        }
    }

    /// GetShardIterator.
    public func shardIterator(streamName: String, shardId: String, start: ShardIteratorStart) throws(SluiceError) -> String {
        let stream = try stream(streamName)
        let (metadata, shard, log) = try stream.lock.locked { () throws(SluiceError) -> (StreamMetadata, ShardMetadata, ShardLog) in
            guard let index = ShardMetadata.index(id: shardId), let shard = stream.shard(index) else {
                throw StreamError.shardNotFound(shardId, stream: streamName)
            }
            return (stream.metadata, shard, try stream.log(index))
        }
        var position: UInt64
        switch start {
        case .trimHorizon:
            position = log.firstPosition
        case .latest:
            position = log.durablePosition
        case .atSequenceNumber(let text), .afterSequenceNumber(let text):
            let sequence = try SequenceNumber.parse(text)
            guard sequence.streamCreationMilliseconds == metadata.creationMilliseconds, sequence.shardIndex == shard.index else {
                throw StreamError.invalidArgument(
                    "Invalid StartingSequenceNumber. It encodes \(ShardMetadata.id(index: sequence.shardIndex)), while it was used in a call to a shard with \(shardId) in stream \(streamName).",
                    hint: "Use a sequence number that this shard returned.")
            }
            position = sequence.position
            if case .afterSequenceNumber = start { position += 1 }
        case .atTimestamp(let milliseconds):
            position = try log.firstPosition(arrivedAtOrAfter: milliseconds)
        }
        if let closedAt = shard.closedAtPosition { position = min(position, closedAt) }
        return ShardIterator(
            streamName: streamName, streamCreationMilliseconds: metadata.creationMilliseconds, shardIndex: shard.index,
            position: position, issuedMilliseconds: now
        ).encoded
    }

    /// GetRecords: up to `limit` durable records from the iterator's position.
    public func getRecords(shardIterator text: String, limit: Int?) throws(SluiceError) -> GetRecordsResult {
        let iterator = try ShardIterator.decode(text)
        let now = self.now
        if now - iterator.issuedMilliseconds > options.iteratorLifetimeMilliseconds {
            throw StreamError.expiredIterator(
                "Iterator expired. The iterator was created at time \(Self.formatted(iterator.issuedMilliseconds)) while right now it is \(Self.formatted(now)) which is further in the future than the tolerated delay of \(options.iteratorLifetimeMilliseconds) milliseconds.")
        }
        let limit = limit ?? StreamRegistryOptions.maximumGetRecordsLimit
        guard limit >= 1, limit <= StreamRegistryOptions.maximumGetRecordsLimit else {
            throw StreamError.validation("1 validation error detected: Value '\(limit)' at 'limit' failed to satisfy constraint: Member must have value between 1 and \(StreamRegistryOptions.maximumGetRecordsLimit)")
        }
        let stream = try stream(iterator.streamName)
        let (metadata, shard, log) = try stream.lock.locked { () throws(SluiceError) -> (StreamMetadata, ShardMetadata, ShardLog) in
            guard stream.metadata.creationMilliseconds == iterator.streamCreationMilliseconds else {
                throw StreamError.streamNotFound(iterator.streamName)
            }
            guard let shard = stream.shard(iterator.shardIndex) else {
                throw StreamError.shardNotFound(ShardMetadata.id(index: iterator.shardIndex), stream: iterator.streamName)
            }
            return (stream.metadata, shard, try stream.log(shard.index))
        }
        let start = max(iterator.position, log.firstPosition)
        let stored = try log.read(from: start, maxRecords: limit, maxBytes: StreamRegistryOptions.maximumGetRecordsBytes)
        stream.lock.locked { stream.recordsRead += UInt64(stored.count) }
        let records = stored.map { record in
            ReadRecord(
                sequenceNumber: metadata.sequenceNumber(shardIndex: shard.index, position: record.position).description,
                arrivalMilliseconds: record.arrivalMilliseconds, partitionKey: record.partitionKey, data: record.data)
        }
        let next = stored.last.map { $0.position + 1 } ?? start
        let durable = log.durablePosition
        let behind = next >= durable ? 0 : max(0, now - (stored.last?.arrivalMilliseconds ?? now))
        if let closedAt = shard.closedAtPosition, next >= closedAt {
            let children = metadata.shards.filter { $0.parentIndex == shard.index || $0.adjacentParentIndex == shard.index }
            return GetRecordsResult(
                records: records, nextShardIterator: nil, millisBehindLatest: behind,
                childShards: children.map { child in
                    ChildShardDescription(
                        shardId: child.id,
                        parentShards: [child.parentIndex, child.adjacentParentIndex].compactMap { $0 }.map(ShardMetadata.id(index:)),
                        startingHashKey: child.startingHashKey, endingHashKey: child.endingHashKey)
                })
        }
        var nextIterator = iterator
        nextIterator.position = next
        nextIterator.issuedMilliseconds = now
        return GetRecordsResult(records: records, nextShardIterator: nextIterator.encoded, millisBehindLatest: behind, childShards: nil)
    }

    static func formatted(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
