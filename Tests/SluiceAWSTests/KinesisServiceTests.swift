import Foundation
import SluiceCore
import SluiceStreams
import SluiceTestSupport
import Testing

@testable import SluiceAWS

@Suite("Kinesis over JSON 1.1: shapes, dispatch and errors")
struct KinesisServiceTests {
    let folder: TemporaryFolder
    let dispatcher: AWSJSONDispatcher

    init() throws {
        folder = try TemporaryFolder()
        let registry = try StreamRegistry(folder: folder.file("streams"))
        dispatcher = AWSJSONDispatcher(services: [KinesisService(registry: registry)])
    }

    func call(_ operation: String, _ json: String) async -> (status: Int, object: [String: Any]) {
        let response = await dispatcher.dispatch(target: "Kinesis_20131202.\(operation)", body: Array(json.utf8))
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    @Test("PutRecords reports failed records in place with ErrorCode and ErrorMessage")
    func putRecords() async throws {
        #expect(await call("CreateStream", #"{"StreamName": "s", "ShardCount": 2}"#).status == 200)
        let big = Data(repeating: 65, count: (1 << 20) + 1).base64EncodedString()
        let (status, object) = await call("PutRecords", #"{"StreamName": "s", "Records": [{"PartitionKey": "a", "Data": "aGk="}, {"PartitionKey": "b", "Data": "\#(big)"}]}"#)
        #expect(status == 200)
        #expect(object["FailedRecordCount"] as? Int == 1)
        let records = try #require(object["Records"] as? [[String: Any]])
        #expect((records[0]["SequenceNumber"] as? String)?.count == 46)
        // md5("a") = 0cc175b9…, below 2^127: the first of two shards.
        #expect(records[0]["ShardId"] as? String == "shardId-000000000000")
        #expect(records[1]["ErrorCode"] as? String == "InvalidArgumentException")
        #expect(records[1]["SequenceNumber"] == nil)
    }

    @Test("GetRecords returns base64 data, epoch-second arrival times and the next iterator")
    func getRecords() async throws {
        _ = await call("CreateStream", #"{"StreamName": "s", "ShardCount": 1}"#)
        _ = await call("PutRecord", #"{"StreamName": "s", "PartitionKey": "a", "Data": "aGVsbG8="}"#)
        let iterator = await call("GetShardIterator", #"{"StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "TRIM_HORIZON"}"#)
        let text = try #require(iterator.object["ShardIterator"] as? String)
        let (status, object) = await call("GetRecords", #"{"ShardIterator": "\#(text)"}"#)
        #expect(status == 200)
        let records = try #require(object["Records"] as? [[String: Any]])
        #expect(records.first?["Data"] as? String == "aGVsbG8=")
        #expect(records.first?["PartitionKey"] as? String == "a")
        let arrival = try #require(records.first?["ApproximateArrivalTimestamp"] as? Double)
        #expect(abs(arrival - Date().timeIntervalSince1970) < 60)
        #expect(object["MillisBehindLatest"] as? Int == 0)
        #expect(object["NextShardIterator"] is String)
    }

    @Test("errors carry the AWS type, a message and the right status")
    func errors() async {
        let missing = await call("DescribeStream", #"{"StreamName": "nope"}"#)
        #expect(missing.status == 400)
        #expect(missing.object["__type"] as? String == "ResourceNotFoundException")
        #expect(missing.object["message"] as? String == "Stream nope under account 000000000000 not found.")
        let malformed = await call("ListStreams", "{oops")
        #expect(malformed.object["__type"] as? String == "SerializationException")
        let mistyped = await call("DescribeStream", #"{"StreamName": 7}"#)
        #expect(mistyped.object["__type"] as? String == "SerializationException")
        let absent = await call("GetRecords", "{}")
        #expect(absent.object["__type"] as? String == "ValidationException")
        #expect(absent.object["message"] as? String == "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null")
        let unknown = await dispatcher.dispatch(target: "Kinesis_20131202.Fly", body: [])
        #expect(unknown.errorType == "UnknownOperationException")
        let internalError = AWSError(SluiceError.internal("boom", domain: .stream))
        #expect(internalError.status == 500 && internalError.type == "InternalFailureException")
    }
}
