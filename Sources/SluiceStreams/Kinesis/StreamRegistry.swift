import Foundation
public import SluiceCore
import SluiceFormats
import Synchronization

/// Every stream under one folder, with the Kinesis Data Streams operations on them. No HTTP:
/// the AWS layer decodes requests and calls these methods; errors are ``StreamError`` kinds.
///
/// Layout: `<folder>/<stream name>/stream.json` and `<folder>/<stream name>/<shard id>/` with
/// the shard's segment files. A stream is created in a hidden folder and renamed into place,
/// and deleted by renaming it away first, so a crash never leaves half a stream.
///
/// All methods block on file I/O; call them off the event loop.
public final class StreamRegistry: Sendable {
    public let folder: String
    public let options: StreamRegistryOptions
    let streams: Mutex<[String: OpenStream]>

    /// Opens every stream under `folder` (creating it when missing), recovering each shard's log.
    public init(folder: String, options: StreamRegistryOptions = StreamRegistryOptions()) throws(SluiceError) {
        self.folder = folder
        self.options = options
        try FileSystem.createFolders(folder)
        var loaded: [String: OpenStream] = [:]
        for name in try FileSystem.entries(of: folder) {
            let path = folder + "/" + name
            if name.hasPrefix(".") {
                FileSystem.removeTree(path)  // a creation or deletion a crash interrupted
                continue
            }
            guard FileSystem.isDirectory(path) else { continue }
            let metadata = try MetadataFile.read(fromFolder: path)
            var logs: [Int: ShardLog] = [:]
            for shard in metadata.shards {
                logs[shard.index] = try ShardLog(directory: path + "/" + shard.id, options: options.log)
            }
            loaded[metadata.name] = OpenStream(folder: path, metadata: metadata, logs: logs)
        }
        streams = Mutex(loaded)
    }

    var now: Int64 { options.clock() }

    func stream(_ name: String) throws(SluiceError) -> OpenStream {
        guard let stream = streams.withLock({ $0[name] }) else { throw StreamError.streamNotFound(name) }
        return stream
    }

    // MARK: - Lifecycle

    /// CreateStream: PROVISIONED with `shardCount` shards, or ON_DEMAND with the default count.
    public func createStream(
        name: String, shardCount: Int?, mode: StreamMetadata.Mode?, tags: [String: String] = [:], maxRecordSizeKiB: Int? = nil
    ) throws(SluiceError) {
        try Self.validate(streamName: name)
        let resolvedMode = mode ?? (shardCount == nil ? .onDemand : .provisioned)
        let count: Int
        switch resolvedMode {
        case .provisioned:
            guard let shardCount else {
                throw StreamError.invalidArgument("ShardCount is required for a PROVISIONED stream \(name).")
            }
            count = shardCount
        case .onDemand:
            if shardCount != nil {
                throw StreamError.invalidArgument("ShardCount is not allowed for ON_DEMAND stream \(name); leave it out or use PROVISIONED.")
            }
            count = options.onDemandShardCount
        }
        guard count >= 1 else {
            throw StreamError.validation("1 validation error detected: Value '\(count)' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        guard count <= StreamRegistryOptions.maximumShardCount else {
            throw StreamError.limitExceeded("This request would exceed the shard limit for the account 000000000000 in us-east-1. Current shard count for the account: 0. Limit: \(StreamRegistryOptions.maximumShardCount). Number of additional shards that would have resulted from this request: \(count).")
        }
        try Self.validate(tags: tags, existing: [:])
        let recordSizeKiB = maxRecordSizeKiB ?? StreamRegistryOptions.defaultMaximumRecordBytes / 1024
        guard (1024...StreamRegistryOptions.largestMaximumRecordBytes / 1024).contains(recordSizeKiB) else {
            throw StreamError.validation("1 validation error detected: Value '\(recordSizeKiB)' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value between 1024 and \(StreamRegistryOptions.largestMaximumRecordBytes / 1024)")
        }
        let creation = now
        let shards = HashKey.uniformRanges(count: count).enumerated().map { ShardMetadata(index: $0.offset, range: $0.element) }
        let metadata = StreamMetadata(
            name: name, creationMilliseconds: creation, mode: resolvedMode,
            retentionHours: StreamRegistryOptions.defaultRetentionHours, tags: tags, shards: shards,
            maxRecordSizeKiB: recordSizeKiB)
        let finalPath = folder + "/" + name
        let stagingPath = folder + "/.creating-" + name + "-" + String(creation)
        // The registry lock is held across the creation so two creates of one name cannot race.
        try streams.withLock { (open: inout [String: OpenStream]) throws(SluiceError) in
            guard open[name] == nil else {
                throw StreamError.inUse("Stream \(name) under account 000000000000 already exists.")
            }
            FileSystem.removeTree(stagingPath)
            try FileSystem.createFolders(stagingPath)
            try MetadataFile.write(metadata, toFolder: stagingPath)
            try FileSystem.move(stagingPath, to: finalPath)
            try LogFile.syncFolder(folder)
            var logs: [Int: ShardLog] = [:]
            for shard in shards {
                logs[shard.index] = try ShardLog(directory: finalPath + "/" + shard.id, options: options.log)
            }
            open[name] = OpenStream(folder: finalPath, metadata: metadata, logs: logs)
        }
    }

    /// DeleteStream: closes the logs and removes the stream's folder.
    public func deleteStream(name: String) throws(SluiceError) {
        let stream = try streams.withLock { (open: inout [String: OpenStream]) throws(SluiceError) -> OpenStream in
            guard let stream = open.removeValue(forKey: name) else { throw StreamError.streamNotFound(name) }
            return stream
        }
        stream.lock.lock()
        stream.isDeleted = true
        let logs = stream.logs.values
        stream.lock.unlock()
        for log in logs { try? log.close() }
        let doomed = folder + "/.deleted-" + name + "-" + String(now)
        try FileSystem.move(stream.folder, to: doomed)
        try LogFile.syncFolder(folder)
        FileSystem.removeTree(doomed)
    }

    /// Stream names in order, after `exclusiveStart`, at most `limit`; and whether more follow.
    public func listStreams(limit: Int?, exclusiveStart: String?) -> (names: [String], hasMore: Bool) {
        let all = streams.withLock { $0.keys.sorted() }
        let after = exclusiveStart.map { start in all.filter { $0 > start } } ?? all
        let count = min(limit ?? 100, after.count)
        return (Array(after.prefix(count)), after.count > count)
    }

    /// All streams' metadata, sorted by name.
    public func allMetadata() -> [StreamMetadata] {
        let open = streams.withLock { Array($0.values) }
        return open.map { stream in stream.lock.locked { stream.metadata } }.sorted { $0.name < $1.name }
    }

    /// DescribeStream / DescribeStreamSummary / ListShards.
    public func describe(name: String) throws(SluiceError) -> StreamDescription {
        let stream = try stream(name)
        return stream.lock.locked {
            let metadata = stream.metadata
            let shards = metadata.shards.map { shard in
                ShardDescription(
                    shardId: shard.id, parentShardId: shard.parentIndex.map(ShardMetadata.id(index:)),
                    adjacentParentShardId: shard.adjacentParentIndex.map(ShardMetadata.id(index:)),
                    startingHashKey: shard.startingHashKey, endingHashKey: shard.endingHashKey,
                    startingSequenceNumber: metadata.sequenceNumber(shardIndex: shard.index, position: 0).description,
                    endingSequenceNumber: shard.closedAtPosition.map { end in
                        metadata.sequenceNumber(shardIndex: shard.index, position: end > 0 ? end - 1 : 0).description
                    })
            }
            return StreamDescription(metadata: metadata, shards: shards)
        }
    }

    // MARK: - Retention and tags

    /// Increase/DecreaseStreamRetentionPeriod.
    public func setRetention(name: String, hours: Int, increase: Bool) throws(SluiceError) {
        let stream = try stream(name)
        try stream.lock.locked { () throws(SluiceError) in
            let current = stream.metadata.retentionHours
            guard hours >= StreamRegistryOptions.minimumRetentionHours else {
                throw StreamError.invalidArgument("Minimum allowed retention period is \(StreamRegistryOptions.minimumRetentionHours) hours. Requested retention period (\(hours) hours) is too short.")
            }
            guard hours <= StreamRegistryOptions.maximumRetentionHours else {
                throw StreamError.invalidArgument("Maximum allowed retention period is \(StreamRegistryOptions.maximumRetentionHours) hours. Requested retention period (\(hours) hours) is too long.")
            }
            if increase && hours < current {
                throw StreamError.invalidArgument("Requested retention period (\(hours) hours) for stream \(name) can not be shorter than existing retention period (\(current) hours). Use DecreaseRetentionPeriod API.")
            }
            if !increase && hours > current {
                throw StreamError.invalidArgument("Requested retention period (\(hours) hours) for stream \(name) can not be longer than existing retention period (\(current) hours). Use IncreaseRetentionPeriod API.")
            }
            var changed = stream.metadata
            changed.retentionHours = hours
            try MetadataFile.write(changed, toFolder: stream.folder)
            stream.metadata = changed
        }
    }

    /// AddTagsToStream: adds or overwrites tags.
    public func addTags(name: String, tags: [String: String]) throws(SluiceError) {
        let stream = try stream(name)
        try stream.lock.locked { () throws(SluiceError) in
            try Self.validate(tags: tags, existing: stream.metadata.tags)
            var changed = stream.metadata
            changed.tags.merge(tags) { $1 }
            try MetadataFile.write(changed, toFolder: stream.folder)
            stream.metadata = changed
        }
    }

    /// RemoveTagsFromStream.
    public func removeTags(name: String, keys: [String]) throws(SluiceError) {
        let stream = try stream(name)
        try stream.lock.locked { () throws(SluiceError) in
            var changed = stream.metadata
            for key in keys { changed.tags.removeValue(forKey: key) }
            try MetadataFile.write(changed, toFolder: stream.folder)
            stream.metadata = changed
        }
    }

    /// Deletes, in every stream, segments older than the stream's retention, and drops closed
    /// shards whose records have all expired (with their folders). Returns how many segment
    /// files and shards were deleted.
    @discardableResult
    public func enforceRetention() throws(SluiceError) -> Int {
        let open = streams.withLock { Array($0.values) }
        var deleted = 0
        let now = self.now
        for stream in open {
            let (hours, logs) = stream.lock.locked { (stream.metadata.retentionHours, Array(stream.logs.values)) }
            let cutoff = now - Int64(hours) * 3_600_000
            for log in logs { deleted += try log.deleteSegments(olderThan: cutoff) }
            deleted += try dropExpiredShards(of: stream, cutoff: cutoff)
        }
        return deleted
    }

    /// Removes closed shards closed before `cutoff`: no record written before the close is
    /// still within retention. The metadata is written first, then the folders go.
    private func dropExpiredShards(of stream: OpenStream, cutoff: Int64) throws(SluiceError) -> Int {
        let expired = try stream.lock.locked { () throws(SluiceError) -> [ShardLog] in
            guard !stream.isDeleted else { return [] }
            let doomed = stream.metadata.shards.filter { ($0.closedMilliseconds ?? .max) < cutoff }
            guard !doomed.isEmpty else { return [] }
            var changed = stream.metadata
            changed.shards.removeAll { ($0.closedMilliseconds ?? .max) < cutoff }
            try MetadataFile.write(changed, toFolder: stream.folder)
            stream.metadata = changed
            return doomed.compactMap { stream.logs.removeValue(forKey: $0.index) }
        }
        for log in expired {
            try? log.close()
            FileSystem.removeTree(log.directory)
        }
        return expired.count
    }

    /// Each stream's counters and sizes, for `/metrics`.
    public func statistics() -> [StreamStatistics] {
        let open = streams.withLock { Array($0.values) }
        return open.map { stream in
            let (metadata, logs, written, bytes, read) = stream.lock.locked {
                (stream.metadata, Array(stream.logs.values), stream.recordsWritten, stream.bytesWritten, stream.recordsRead)
            }
            return StreamStatistics(
                name: metadata.name, openShardCount: metadata.openShards.count, recordsWritten: written, bytesWritten: bytes,
                recordsRead: read, storedBytes: logs.reduce(0) { $0 + $1.sizeBytes })
        }.sorted { $0.name < $1.name }
    }

    /// Syncs and closes every shard's log (graceful shutdown).
    public func close() throws(SluiceError) {
        let open = streams.withLock { Array($0.values) }
        for stream in open {
            let logs = stream.lock.locked { Array(stream.logs.values) }
            for log in logs { try log.close() }
        }
    }

    // MARK: - Validation

    /// Kinesis's stream-name rule: 1 to 128 of `a-z A-Z 0-9 _ . -`.
    static func validate(streamName name: String) throws(SluiceError) {
        let allowed = name.utf8.allSatisfy { byte in
            (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 95 || byte == 46 || byte == 45
        }
        guard !name.isEmpty, name.utf8.count <= 128, allowed, name != ".", name != ".." else {
            throw StreamError.validation("1 validation error detected: Value '\(name)' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 1 and 128")
        }
    }

    static func validate(tags: [String: String], existing: [String: String]) throws(SluiceError) {
        let merged = existing.merging(tags) { $1 }
        guard merged.count <= StreamRegistryOptions.maximumTagCount else {
            throw StreamError.invalidArgument("Failed to add tags: a stream may have at most \(StreamRegistryOptions.maximumTagCount) tags, and this request would give it \(merged.count).")
        }
        for (key, value) in tags where key.isEmpty || key.count > 128 || value.count > 256 {
            throw StreamError.invalidArgument("Tag '\(key)' is invalid: keys have 1 to 128 characters and values at most 256.")
        }
    }
}
