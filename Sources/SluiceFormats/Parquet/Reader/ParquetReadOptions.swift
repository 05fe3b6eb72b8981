import SluiceCore

/// How to read a Parquet file: which top-level columns (all when nil), which row groups
/// (all when nil), a predicate whose statistics rule row groups out, and on how many threads.
public struct ParquetReadOptions: Sendable {
    public var columns: [String]?
    public var rowGroups: [Int]?
    /// Row groups whose footer statistics prove no row matches are skipped (of ``rowGroups``
    /// when both are given); the rows read still need filtering.
    public var predicate: ScanPredicate?
    public var threads: Int

    public init(
        columns: [String]? = nil, rowGroups: [Int]? = nil, predicate: ScanPredicate? = nil,
        threads: Int = ProcessorCount.active
    ) {
        self.columns = columns
        self.rowGroups = rowGroups
        self.predicate = predicate
        self.threads = threads
    }
}
