import Foundation
public import SluiceCore

/// A shard iterator: where the next GetRecords of a reader starts, handed to clients as an
/// opaque string. It names the stream (and its creation time, so an iterator of a deleted
/// stream of the same name is refused), the shard, the position and when it was issued
/// (iterators expire after five minutes, as in Kinesis). A checksum catches strings that
/// were cut or edited.
public struct ShardIterator: Sendable, Equatable {
    public var streamName: String
    public var streamCreationMilliseconds: Int64
    public var shardIndex: Int
    public var position: UInt64
    public var issuedMilliseconds: Int64

    /// Kinesis's iterator lifetime: 5 minutes.
    public static let lifetimeMilliseconds: Int64 = 300_000

    public init(streamName: String, streamCreationMilliseconds: Int64, shardIndex: Int, position: UInt64, issuedMilliseconds: Int64) {
        self.streamName = streamName
        self.streamCreationMilliseconds = streamCreationMilliseconds
        self.shardIndex = shardIndex
        self.position = position
        self.issuedMilliseconds = issuedMilliseconds
    }

    public var encoded: String {
        let body = "\(streamName)|\(streamCreationMilliseconds)|\(shardIndex)|\(position)|\(issuedMilliseconds)"
        let checksum = CRC32C.checksum(Array(body.utf8))
        return Data((body + "|" + String(checksum, radix: 16)).utf8).base64EncodedString()
    }

    public static func decode(_ text: String) throws(SluiceError) -> ShardIterator {
        let invalid = StreamError.invalidArgument(
            "Invalid ShardIterator: it is not an iterator this server issued.",
            hint: "Use the ShardIterator from GetShardIterator or the NextShardIterator of GetRecords, unchanged.")
        guard text.utf8.count <= 512, let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let fields = decoded.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, let checksum = UInt32(fields[5], radix: 16),
            CRC32C.checksum(Array(fields[0..<5].joined(separator: "|").utf8)) == checksum,
            let creation = Int64(fields[1]), let shard = Int(fields[2]), let position = UInt64(fields[3]),
            let issued = Int64(fields[4])
        else { throw invalid }
        return ShardIterator(
            streamName: fields[0], streamCreationMilliseconds: creation, shardIndex: shard, position: position,
            issuedMilliseconds: issued)
    }
}
