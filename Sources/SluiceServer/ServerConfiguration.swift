public import SluiceCatalog
public import SluiceStreams

/// Everything `sluice server` is started with.
public struct ServerConfiguration: Sendable {
    /// Address to listen on; 127.0.0.1 by default so nothing outside the machine reaches it.
    public var host: String
    /// 4566, the port LocalStack uses, so tools configured for a local AWS find Sluice.
    public var port: Int
    public var dataDirectory: DataDirectory
    public var durability: DurabilityPolicy
    /// Kinesis's per-shard write limits, or `nil` (the default) for none.
    public var shardWriteLimits: ShardWriteLimits?
    /// Secret access keys by access key id; when empty, signatures are not checked.
    public var credentials: [String: String]
    /// How long shard iterators stay valid (Kinesis: 300 seconds; tests shorten it).
    public var iteratorLifetimeSeconds: Int
    /// How often old segments are deleted (seconds).
    public var retentionCheckIntervalSeconds: Int

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 4566
    /// Bytes of one request body: a PutRecords of 5 MiB grows by a third in base64, plus JSON.
    public static let maximumRequestBodyBytes = 16 << 20

    public init(
        host: String = ServerConfiguration.defaultHost, port: Int = ServerConfiguration.defaultPort, dataDirectory: DataDirectory,
        durability: DurabilityPolicy = .syncPerRequest, shardWriteLimits: ShardWriteLimits? = nil,
        credentials: [String: String] = [:], iteratorLifetimeSeconds: Int = 300, retentionCheckIntervalSeconds: Int = 60
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.durability = durability
        self.shardWriteLimits = shardWriteLimits
        self.credentials = credentials
        self.iteratorLifetimeSeconds = iteratorLifetimeSeconds
        self.retentionCheckIntervalSeconds = retentionCheckIntervalSeconds
    }

    /// Where the streams live: `<data-dir>/streams`.
    public var streamsPath: String { dataDirectory.path + "/streams" }
}
