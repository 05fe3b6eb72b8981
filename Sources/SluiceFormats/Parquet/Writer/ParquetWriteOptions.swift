/// How Sluice writes Parquet: codec, row-group and page sizes, dictionary encoding.
/// The defaults match what Spark and pyarrow readers expect and prune well on.
public struct ParquetWriteOptions: Sendable {
    /// SNAPPY by default; ZSTD, GZIP, LZ4_RAW and UNCOMPRESSED also work.
    public var compression: ParquetCompressionCodec = .snappy
    /// A row group is closed once it holds this many rows…
    public var rowGroupRows = 1_048_576
    /// …or about this many bytes of uncompressed values, whichever comes first. (The check
    /// runs between batches, so a row group can exceed it by one batch.)
    public var rowGroupBytes = 128 << 20
    /// A data page is closed at the first record boundary past this size.
    public var pageSizeBytes = 1 << 20
    /// Dictionary encoding for every column but booleans, falling back to PLAIN for the rest
    /// of a column chunk once its dictionary grows past ``dictionaryPageSizeBytes``.
    public var useDictionary = true
    public var dictionaryPageSizeBytes = 1 << 20
    /// Threads that shred, encode and compress columns at once.
    public var threads = ProcessorCount.active
    /// Extra key-value pairs for the footer.
    public var keyValueMetadata: [(key: String, value: String)] = []

    public init() {}
}
