public import SluiceCore

/// The stream domain's errors, one constructor per Kinesis error kind. The code names the
/// kind (`stream.notFound` …); the AWS layer maps each code to its Kinesis error type
/// (`ResourceNotFoundException` …) and the CLI prints message and hint.
public enum StreamError {
    /// The code of each kind, shared with the AWS error mapping.
    public enum Code {
        public static let notFound = "stream.notFound"
        public static let inUse = "stream.inUse"
        public static let invalidArgument = "stream.invalidArgument"
        public static let validation = "stream.validation"
        public static let expiredIterator = "stream.expiredIterator"
        public static let throughputExceeded = "stream.throughputExceeded"
        public static let limitExceeded = "stream.limitExceeded"
    }

    public static func streamNotFound(_ name: String) -> SluiceError {
        SluiceError(
            domain: .stream, code: Code.notFound,
            message: "Stream \(name) under account 000000000000 not found.",
            hint: "Create it with `sluice stream create \(name)` or CreateStream; `sluice stream list` shows the streams.")
    }

    public static func shardNotFound(_ shardId: String, stream: String) -> SluiceError {
        SluiceError(
            domain: .stream, code: Code.notFound,
            message: "Shard \(shardId) in stream \(stream) under account 000000000000 does not exist.",
            hint: "`sluice stream describe \(stream)` or ListShards lists the stream's shards.")
    }

    public static func inUse(_ message: String) -> SluiceError {
        SluiceError(domain: .stream, code: Code.inUse, message: message)
    }

    public static func invalidArgument(_ message: String, hint: String? = nil) -> SluiceError {
        SluiceError(domain: .stream, code: Code.invalidArgument, message: message, hint: hint)
    }

    public static func validation(_ message: String) -> SluiceError {
        SluiceError(domain: .stream, code: Code.validation, message: message)
    }

    public static func expiredIterator(_ message: String) -> SluiceError {
        SluiceError(
            domain: .stream, code: Code.expiredIterator, message: message,
            hint: "Shard iterators are valid for 5 minutes; ask GetShardIterator for a new one.")
    }

    public static func throughputExceeded(shardId: String, stream: String) -> SluiceError {
        SluiceError(
            domain: .stream, code: Code.throughputExceeded,
            message: "Rate exceeded for shard \(shardId) in stream \(stream) under account 000000000000.",
            hint: "Back off and retry, or add shards with UpdateShardCount.")
    }

    public static func limitExceeded(_ message: String) -> SluiceError {
        SluiceError(domain: .stream, code: Code.limitExceeded, message: message)
    }
}
