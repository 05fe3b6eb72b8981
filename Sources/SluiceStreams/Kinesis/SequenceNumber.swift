public import SluiceCore

/// A Kinesis-style sequence number: a decimal string that increases with every record in a
/// shard and says where the record lives.
///
/// Layout (46 digits): `49`, the stream's creation time in milliseconds (14 digits), the
/// shard's index (10 digits) and the record's position in the shard's log (20 digits).
/// Positions only grow (retention drops whole old segments, never renumbers), so numbers
/// increase per shard; children of a reshard have higher shard indexes, so their numbers are
/// above their parents'. The creation time tells a number from a deleted stream of the same
/// name apart.
public struct SequenceNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var streamCreationMilliseconds: Int64
    public var shardIndex: Int
    public var position: UInt64

    public static let digitCount = 46

    public init(streamCreationMilliseconds: Int64, shardIndex: Int, position: UInt64) {
        self.streamCreationMilliseconds = streamCreationMilliseconds
        self.shardIndex = shardIndex
        self.position = position
    }

    public var description: String {
        "49" + Self.padded(String(streamCreationMilliseconds), to: 14) + Self.padded(String(shardIndex), to: 10)
            + Self.padded(String(position), to: 20)
    }

    public static func < (left: SequenceNumber, right: SequenceNumber) -> Bool {
        (left.streamCreationMilliseconds, left.shardIndex, left.position)
            < (right.streamCreationMilliseconds, right.shardIndex, right.position)
    }

    /// Parses a number this server issued; anything else is Kinesis's `InvalidArgumentException`.
    public static func parse(_ text: String) throws(SluiceError) -> SequenceNumber {
        let digits = Array(text.utf8)
        guard digits.count == digitCount, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.hasPrefix("49"),
            let creation = Int64(String(decoding: digits[2..<16], as: UTF8.self)),
            let shard = Int(String(decoding: digits[16..<26], as: UTF8.self)),
            let position = UInt64(String(decoding: digits[26..<46], as: UTF8.self))
        else {
            throw StreamError.invalidArgument(
                "StartingSequenceNumber \(text) used in GetShardIterator is invalid: it is not a sequence number this stream issued.",
                hint: "Use a SequenceNumber returned by PutRecord, PutRecords or GetRecords.")
        }
        return SequenceNumber(streamCreationMilliseconds: creation, shardIndex: shard, position: position)
    }

    private static func padded(_ digits: String, to width: Int) -> String {
        digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
