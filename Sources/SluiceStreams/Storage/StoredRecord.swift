/// One record as a shard's log keeps it: its position in the shard, when it arrived, its
/// partition key and its data.
public struct StoredRecord: Sendable, Equatable {
    /// The record's place in the shard's log: 0 for the shard's first record, then +1 each.
    public var position: UInt64
    /// Milliseconds since 1970 when the server accepted the record (never decreasing per shard).
    public var arrivalMilliseconds: Int64
    public var partitionKey: String
    public var data: [UInt8]

    public init(position: UInt64, arrivalMilliseconds: Int64, partitionKey: String, data: [UInt8]) {
        self.position = position
        self.arrivalMilliseconds = arrivalMilliseconds
        self.partitionKey = partitionKey
        self.data = data
    }
}

/// A record handed to a shard's log: the log assigns position and arrival time.
public struct RecordToAppend: Sendable, Equatable {
    public var partitionKey: String
    public var data: [UInt8]

    public init(partitionKey: String, data: [UInt8]) {
        self.partitionKey = partitionKey
        self.data = data
    }
}
