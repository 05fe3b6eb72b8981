import Foundation
import SluiceCore

/// Reading streams through the Kinesis API for `sluice stream get|tail|describe`.
enum StreamReading {
    struct ShardInfo {
        var id: String
        var parent: String?
        var adjacentParent: String?
        var startingHashKey: String
        var endingHashKey: String
        var startingSequenceNumber: String
        var endingSequenceNumber: String?
    }

    struct Record {
        var shard: String
        var sequenceNumber: String
        var partitionKey: String
        var arrival: Double?
        var data: Data

        /// The data as text when it is UTF-8, else as base64.
        var text: String {
            String(data: data, encoding: .utf8) ?? "base64:" + data.base64EncodedString()
        }
    }

    /// Polls an idle stream this often while following it.
    static let pollIntervalMilliseconds = 250

    static func shards(client: KinesisClient, stream: String) async throws(SluiceError) -> [ShardInfo] {
        var shards: [ShardInfo] = []
        var token: String?
        repeat {
            let page = try await client.call("ListShards", token.map { ["NextToken": $0] } ?? ["StreamName": stream])
            for shard in page["Shards"] as? [[String: Any]] ?? [] {
                let range = shard["HashKeyRange"] as? [String: Any] ?? [:]
                let sequence = shard["SequenceNumberRange"] as? [String: Any] ?? [:]
                shards.append(ShardInfo(
                    id: shard["ShardId"] as? String ?? "", parent: shard["ParentShardId"] as? String,
                    adjacentParent: shard["AdjacentParentShardId"] as? String,
                    startingHashKey: range["StartingHashKey"] as? String ?? "", endingHashKey: range["EndingHashKey"] as? String ?? "",
                    startingSequenceNumber: sequence["StartingSequenceNumber"] as? String ?? "",
                    endingSequenceNumber: sequence["EndingSequenceNumber"] as? String))
            }
            token = page["NextToken"] as? String
        } while token != nil
        return shards
    }

    /// One GetRecords: the records, the next iterator (nil at a closed shard's end) and the
    /// child shards reported there.
    static func next(client: KinesisClient, shard: String, iterator: String) async throws(SluiceError)
        -> (records: [Record], next: String?, behind: Int, children: [String])
    {
        let result = try await client.call("GetRecords", ["ShardIterator": iterator, "Limit": 10_000])
        let records = (result["Records"] as? [[String: Any]] ?? []).map { record in
            Record(
                shard: shard, sequenceNumber: record["SequenceNumber"] as? String ?? "",
                partitionKey: record["PartitionKey"] as? String ?? "",
                arrival: record["ApproximateArrivalTimestamp"] as? Double,
                data: (record["Data"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data())
        }
        let children = (result["ChildShards"] as? [[String: Any]] ?? []).compactMap { $0["ShardId"] as? String }
        return (records, result["NextShardIterator"] as? String, result["MillisBehindLatest"] as? Int ?? 0, children)
    }

    static func iterator(client: KinesisClient, stream: String, shard: String, type: String) async throws(SluiceError) -> String {
        let result = try await client.call("GetShardIterator", ["StreamName": stream, "ShardId": shard, "ShardIteratorType": type])
        return result["ShardIterator"] as? String ?? ""
    }

    /// Every record from `start` up to now, shard by shard in shard order.
    static func readToEnd(
        client: KinesisClient, stream: String, shard: String?, start: StreamStart, limit: Int?
    ) async throws(SluiceError) -> [Record] {
        let all = try await shards(client: client, stream: stream)
        var chosen = all.filter { shard == nil || $0.id == shard }
        if let shard, chosen.isEmpty {
            throw SluiceError(
                domain: .stream, code: "stream.notFound", message: "Stream \(stream) has no shard \(shard).",
                hint: "Its shards: " + all.map(\.id).joined(separator: ", ") + ".")
        }
        if start == .latest { chosen = chosen.filter { $0.endingSequenceNumber == nil } }
        var records: [Record] = []
        for info in chosen {
            var iterator: String? = try await iterator(client: client, stream: stream, shard: info.id, type: start.iteratorType)
            while let current = iterator {
                let page = try await next(client: client, shard: info.id, iterator: current)
                records += page.records
                if let limit, records.count >= limit { return Array(records.prefix(limit)) }
                if page.records.isEmpty && page.behind == 0 { break }
                iterator = page.next
            }
        }
        return records
    }

    /// Follows every shard (and the children of closed ones) until cancelled.
    static func follow(
        client: KinesisClient, stream: String, start: StreamStart, onRecord: (Record) -> Void
    ) async throws(SluiceError) {
        let all = try await shards(client: client, stream: stream)
        var iterators: [String: String] = [:]
        var seen = Set<String>()
        let initial = start == .latest ? all.filter { $0.endingSequenceNumber == nil } : all.filter { $0.parent == nil }
        for shard in initial {
            iterators[shard.id] = try await iterator(client: client, stream: stream, shard: shard.id, type: start.iteratorType)
            seen.insert(shard.id)
        }
        while !Task.isCancelled {
            var any = false
            for (shard, current) in iterators.sorted(by: { $0.key < $1.key }) {
                let page = try await next(client: client, shard: shard, iterator: current)
                for record in page.records { onRecord(record) }
                any = any || !page.records.isEmpty
                if let next = page.next {
                    iterators[shard] = next
                } else {
                    iterators.removeValue(forKey: shard)
                    for child in page.children where !seen.contains(child) {
                        seen.insert(child)
                        iterators[child] = try await iterator(client: client, stream: stream, shard: child, type: "TRIM_HORIZON")
                    }
                }
            }
            if !any { try? await Task.sleep(for: .milliseconds(pollIntervalMilliseconds)) }
        }
    }
}
