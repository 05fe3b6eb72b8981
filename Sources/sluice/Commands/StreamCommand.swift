import ArgumentParser
import Foundation
import SluiceCore

/// `sluice stream`: streams on a running `sluice server`, through its Kinesis API.
struct StreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Create, inspect, write and read streams on a running Sluice server.",
        discussion: """
            These commands talk to a running `sluice server` (--endpoint, else $SLUICE_ENDPOINT, \
            else http://127.0.0.1:4566) through the same Kinesis API that boto3 and the aws CLI use.

            Examples:
              sluice stream create clicks --shards 2
              sluice stream list
              sluice stream describe clicks
              sluice stream put clicks --partition-key user-1 '{"page": "/"}'
              cat events.ndjson | sluice stream put clicks
              sluice stream get clicks --from trim-horizon
              sluice stream tail clicks
            """,
        subcommands: [
            StreamCreateCommand.self, StreamListCommand.self, StreamDescribeCommand.self, StreamPutCommand.self,
            StreamGetCommand.self, StreamTailCommand.self, StreamDeleteCommand.self,
        ])
}

struct StreamCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a stream (ON_DEMAND with 4 shards, or PROVISIONED with --shards).")

    @Argument(help: "The stream's name: 1 to 128 of a-z A-Z 0-9 _ . -") var name: String
    @Option(name: .long, help: "Number of shards (makes the stream PROVISIONED).") var shards: Int?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            let client = endpoint.client
            var input: [String: Any] = ["StreamName": name]
            if let shards {
                input["ShardCount"] = shards
                input["StreamModeDetails"] = ["StreamMode": "PROVISIONED"]
            }
            _ = try await client.call("CreateStream", input)
            let summary = try await client.call("DescribeStreamSummary", ["StreamName": name])
            let details = summary["StreamDescriptionSummary"] as? [String: Any] ?? [:]
            let mode = (details["StreamModeDetails"] as? [String: Any])?["StreamMode"] as? String ?? "?"
            print("Created stream \(name) (\(mode), \(details["OpenShardCount"] as? Int ?? 0) shards).")
        }
    }
}

struct StreamDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a stream and its records.")

    @Argument(help: "The stream's name.") var name: String
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            _ = try await endpoint.client.call("DeleteStream", ["StreamName": name])
            print("Deleted stream \(name).")
        }
    }
}

struct StreamListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the streams.")

    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            let client = endpoint.client
            var rows: [[String]] = []
            var token: String?
            repeat {
                let page = try await client.call("ListStreams", token.map { ["NextToken": $0] } ?? [:])
                for name in page["StreamNames"] as? [String] ?? [] {
                    let summary = try await client.call("DescribeStreamSummary", ["StreamName": name])
                    let details = summary["StreamDescriptionSummary"] as? [String: Any] ?? [:]
                    rows.append([
                        name, (details["StreamModeDetails"] as? [String: Any])?["StreamMode"] as? String ?? "",
                        String(details["OpenShardCount"] as? Int ?? 0), String(details["RetentionPeriodHours"] as? Int ?? 0),
                        Listing.time(details["StreamCreationTimestamp"] as? Double),
                    ])
                }
                token = page["NextToken"] as? String
            } while token != nil
            if listing.format == .json {
                print(Listing.json(rows.map { ["name": $0[0], "mode": $0[1], "open_shards": $0[2], "retention_hours": $0[3], "created": $0[4]] }))
            } else if rows.isEmpty {
                print("No streams. Create one with `sluice stream create NAME`.")
            } else {
                print(Listing.table(["stream", "mode", "open shards", "retention (h)", "created (UTC)"], rows, ascii: listing.ascii))
            }
        }
    }
}

struct StreamDescribeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show a stream and its shards.")

    @Argument(help: "The stream's name.") var name: String
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var listing: ListingOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            let client = endpoint.client
            let summary = try await client.call("DescribeStreamSummary", ["StreamName": name])["StreamDescriptionSummary"] as? [String: Any] ?? [:]
            let shards = try await StreamReading.shards(client: client, stream: name)
            if listing.format == .json {
                print(Listing.json(shards.map { shard in
                    ["shard": shard.id, "parent": shard.parent ?? "", "adjacent_parent": shard.adjacentParent ?? "",
                     "starting_hash_key": shard.startingHashKey, "ending_hash_key": shard.endingHashKey,
                     "starting_sequence_number": shard.startingSequenceNumber, "ending_sequence_number": shard.endingSequenceNumber ?? ""]
                }))
                return
            }
            let mode = (summary["StreamModeDetails"] as? [String: Any])?["StreamMode"] as? String ?? ""
            print("Stream:     \(name)")
            print("ARN:        \(summary["StreamARN"] as? String ?? "")")
            print("Mode:       \(mode), \(summary["OpenShardCount"] as? Int ?? 0) open shards")
            print("Retention:  \(summary["RetentionPeriodHours"] as? Int ?? 0) hours")
            print("Created:    \(Listing.time(summary["StreamCreationTimestamp"] as? Double)) UTC")
            print("")
            print(Listing.table(
                ["shard", "state", "parents", "starting hash key", "ending hash key"],
                shards.map { shard in
                    [shard.id, shard.endingSequenceNumber == nil ? "open" : "closed",
                     [shard.parent, shard.adjacentParent].compactMap { $0 }.joined(separator: ", "),
                     shard.startingHashKey, shard.endingHashKey]
                }, ascii: listing.ascii))
        }
    }
}

struct StreamPutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "put",
        abstract: "Put one record, or every line of standard input as a record.",
        discussion: """
            With DATA, puts one record and prints its shard and sequence number. Without it, \
            reads standard input and puts each non-empty line as one record, 500 per request. \
            Without --partition-key each record gets a random key, spreading records over the shards.
            """)

    @Argument(help: "The stream's name.") var name: String
    @Argument(help: "The record's data (UTF-8 text). Omit to read lines from standard input.") var data: String?
    @Option(name: .long, help: "The partition key that picks the shard.") var partitionKey: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            let client = endpoint.client
            if let data {
                let result = try await client.call("PutRecord", [
                    "StreamName": name, "PartitionKey": partitionKey ?? UUID().uuidString,
                    "Data": Data(data.utf8).base64EncodedString(),
                ])
                print("\(result["ShardId"] as? String ?? "")\t\(result["SequenceNumber"] as? String ?? "")")
                return
            }
            var batch: [[String: Any]] = []
            var put = 0
            var failed = 0
            var firstError: String?
            func flush() async throws(SluiceError) {
                guard !batch.isEmpty else { return }
                let result = try await client.call("PutRecords", ["StreamName": name, "Records": batch])
                let count = result["FailedRecordCount"] as? Int ?? 0
                failed += count
                put += batch.count - count
                if firstError == nil, count > 0 {
                    firstError = (result["Records"] as? [[String: Any]])?.compactMap { $0["ErrorMessage"] as? String }.first
                }
                batch.removeAll(keepingCapacity: true)
            }
            var batchBytes = 0
            while let line = readLine(strippingNewline: true) {
                guard !line.isEmpty else { continue }
                let size = line.utf8.count
                // Stay inside Kinesis's request limits: 500 records and 5 MiB.
                if batch.count == 500 || batchBytes + size > 4 << 20 {
                    try await flush()
                    batchBytes = 0
                }
                batch.append(["PartitionKey": partitionKey ?? UUID().uuidString, "Data": Data(line.utf8).base64EncodedString()])
                batchBytes += size
            }
            try await flush()
            print("Put \(put) records into \(name)" + (failed > 0 ? "; \(failed) failed: \(firstError ?? "")" : "."))
            if failed > 0 { throw SluiceError(domain: .stream, code: "stream.partialFailure", message: "\(failed) records were not accepted.") }
        }
    }
}

/// Where `get` and `tail` start in each shard.
enum StreamStart: String, ExpressibleByArgument, CaseIterable {
    case trimHorizon = "trim-horizon"
    case latest

    var iteratorType: String { self == .latest ? "LATEST" : "TRIM_HORIZON" }
}

struct StreamGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print the records of a stream (or one shard) up to now.")

    @Argument(help: "The stream's name.") var name: String
    @Option(name: .long, help: "Only this shard (shardId-000000000000).") var shard: String?
    @Option(name: .long, help: "trim-horizon (the oldest record kept) or latest.") var from: StreamStart = .trimHorizon
    @Option(name: .long, help: "Stop after this many records.") var limit: Int?
    @OptionGroup var listing: ListingOptions
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            let records = try await StreamReading.readToEnd(
                client: endpoint.client, stream: name, shard: shard, start: from, limit: limit)
            if listing.format == .json {
                print(Listing.json(records.map {
                    ["shard": $0.shard, "sequence_number": $0.sequenceNumber, "partition_key": $0.partitionKey,
                     "arrival": Listing.time($0.arrival), "data": $0.text]
                }))
            } else {
                print(Listing.table(
                    ["shard", "sequence number", "arrival (UTC)", "partition key", "data"],
                    records.map { [$0.shard, $0.sequenceNumber, Listing.time($0.arrival), $0.partitionKey, $0.text] },
                    ascii: listing.ascii, maximumCellWidth: 80))
                Terminal.writeError("\(records.count) records\n")
            }
        }
    }
}

struct StreamTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow a stream: print each new record's data as it arrives, until Ctrl-C.",
        discussion: "Reads every open shard and follows into the child shards after a reshard.")

    @Argument(help: "The stream's name.") var name: String
    @Option(name: .long, help: "latest (only new records, the default) or trim-horizon.") var from: StreamStart = .latest
    @Flag(name: .long, help: "Prefix each line with the shard and partition key.") var keys = false
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        try await reportingErrors { () async throws(SluiceError) in
            try await StreamReading.follow(client: endpoint.client, stream: name, start: from) { record in
                // Written straight to the descriptor: a follower must show each record at once.
                let line = (keys ? "\(record.shard)\t\(record.partitionKey)\t\(record.text)" : record.text) + "\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
    }
}
