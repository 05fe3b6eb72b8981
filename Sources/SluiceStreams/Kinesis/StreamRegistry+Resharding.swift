public import SluiceCore

extension StreamRegistry {
    /// UpdateShardCount with uniform scaling, done as Kinesis does it: a sequence of splits and
    /// merges. First every open shard is split at each new boundary inside its range; then the
    /// pieces that make up one new range are merged pairwise, left to right. Every parent is
    /// closed at its last record; every child names its parent (a merge also its adjacent
    /// parent). Intermediate shards exist closed and empty, so a reader that follows
    /// `ChildShards` from a parent always reaches the final shards in hash-key order.
    ///
    /// Returns the open shard count before and after.
    @discardableResult
    public func updateShardCount(streamName: String, targetShardCount target: Int) throws(SluiceError) -> (current: Int, target: Int) {
        let stream = try stream(streamName)
        return try stream.lock.locked { () throws(SluiceError) -> (current: Int, target: Int) in
            guard !stream.isDeleted else { throw StreamError.streamNotFound(streamName) }
            let open = stream.metadata.openShards.sorted {
                $0.hashKeyRange.lowerBound < $1.hashKeyRange.lowerBound
            }
            let current = open.count
            guard target >= 1 else {
                throw StreamError.validation("1 validation error detected: Value '\(target)' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1")
            }
            guard target <= current * 2 else {
                throw StreamError.invalidArgument("UpdateShardCount failed for \(streamName). Cannot scale up over double your current open shard count. Current open shard count: \(current) Target shard count: \(target)")
            }
            guard target * 2 >= current else {
                throw StreamError.invalidArgument("UpdateShardCount failed for \(streamName). Cannot scale down below half your current open shard count. Current open shard count: \(current) Target shard count: \(target)")
            }
            guard target <= StreamRegistryOptions.maximumShardCount else {
                throw StreamError.limitExceeded("UpdateShardCount failed for \(streamName): \(target) shards exceed the limit of \(StreamRegistryOptions.maximumShardCount).")
            }
            if target == current && open.map(\.hashKeyRange) == HashKey.uniformRanges(count: current) {
                return (current, target)
            }

            var metadata = stream.metadata
            let closedMilliseconds = now
            var nextIndex = (metadata.shards.map(\.index).max() ?? -1) + 1
            var closedAt: [Int: UInt64] = [:]
            for shard in open {
                let log = try stream.log(shard.index)
                try log.flush()
                closedAt[shard.index] = log.endPosition
            }
            func close(_ index: Int) {
                if let position = metadata.shards.firstIndex(where: { $0.index == index }) {
                    metadata.shards[position].closedAtPosition = closedAt[index] ?? 0
                    metadata.shards[position].closedMilliseconds = closedMilliseconds
                }
            }
            func add(_ range: ClosedRange<UInt128>, parent: Int, adjacent: Int? = nil) -> ShardMetadata {
                let shard = ShardMetadata(index: nextIndex, range: range, parentIndex: parent, adjacentParentIndex: adjacent)
                nextIndex += 1
                metadata.shards.append(shard)
                return shard
            }

            let newRanges = HashKey.uniformRanges(count: target)
            let boundaries = newRanges.dropFirst().map(\.lowerBound)
            // Step 1: split at every new boundary that falls inside an open shard.
            var pieces: [ShardMetadata] = []
            for shard in open {
                var remainder = shard
                for boundary in boundaries
                where boundary > remainder.hashKeyRange.lowerBound && boundary <= remainder.hashKeyRange.upperBound {
                    close(remainder.index)
                    let left = add(remainder.hashKeyRange.lowerBound...(boundary - 1), parent: remainder.index)
                    let right = add(boundary...remainder.hashKeyRange.upperBound, parent: remainder.index)
                    pieces.append(left)
                    remainder = right
                }
                pieces.append(remainder)
            }
            // Step 2: merge the pieces of each new range, left to right.
            for range in newRanges {
                let group = pieces.filter { range.contains($0.hashKeyRange.lowerBound) }
                guard var merged = group.first else { continue }
                for piece in group.dropFirst() {
                    close(merged.index)
                    close(piece.index)
                    merged = add(merged.hashKeyRange.lowerBound...piece.hashKeyRange.upperBound, parent: merged.index, adjacent: piece.index)
                }
            }

            var logs = stream.logs
            for shard in metadata.shards where logs[shard.index] == nil {
                logs[shard.index] = try ShardLog(directory: stream.folder + "/" + shard.id, options: options.log)
            }
            try MetadataFile.write(metadata, toFolder: stream.folder)
            stream.metadata = metadata
            stream.logs = logs
            stream.rebuildRouting()
            return (current, target)
        }
    }
}
