import SluiceCore

/// How to read a Parquet file: which top-level columns (all when nil), which row groups
/// (all when nil; the engine passes the ones its predicates keep), and on how many threads.
public struct ParquetReadOptions: Sendable {
    public var columns: [String]?
    public var rowGroups: [Int]?
    public var threads: Int

    public init(columns: [String]? = nil, rowGroups: [Int]? = nil, threads: Int = ProcessorCount.active) {
        self.columns = columns
        self.rowGroups = rowGroups
        self.threads = threads
    }
}
