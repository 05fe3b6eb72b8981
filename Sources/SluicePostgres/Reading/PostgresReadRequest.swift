public import SluiceCore

/// What to read from PostgreSQL: a table (optionally some of its columns) or a query, in
/// batches of at most ``batchRowCount`` rows, optionally split into ranges of a numeric or
/// date column that are read in parallel over separate connections.
public struct PostgresReadRequest: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case table(schema: String, name: String)
        /// A `SELECT` (or `WITH … SELECT`) statement; its result columns are found without running it.
        case query(String)
    }

    public var source: Source
    /// Columns to read, in this order; nil for all (tables only; a query chooses its own).
    public var columns: [String]?
    public var partitioning: PostgresPartitioning?
    public var batchRowCount: Int

    /// Rows per batch unless asked otherwise: large enough to amortize per-batch work, small
    /// enough that a batch of wide rows stays a few MiB (batches are also cut at
    /// ``PostgresReadPlan/maximumBatchBytes``).
    public static let defaultBatchRowCount = 8192

    public init(
        source: Source, columns: [String]? = nil, partitioning: PostgresPartitioning? = nil,
        batchRowCount: Int = PostgresReadRequest.defaultBatchRowCount
    ) {
        self.source = source
        self.columns = columns
        self.partitioning = partitioning
        self.batchRowCount = batchRowCount
    }

    public static func table(_ schema: String, _ name: String, columns: [String]? = nil, partitioning: PostgresPartitioning? = nil) -> PostgresReadRequest {
        PostgresReadRequest(source: .table(schema: schema, name: name), columns: columns, partitioning: partitioning)
    }

    public static func query(_ sql: String, partitioning: PostgresPartitioning? = nil) -> PostgresReadRequest {
        PostgresReadRequest(source: .query(sql), partitioning: partitioning)
    }
}

/// A parallel read split by ranges of one column, like Spark's JDBC `partitionColumn`,
/// `lowerBound`, `upperBound` and `numPartitions`: the bounds only decide the stride, they
/// do not filter — the first range also takes everything below (and NULLs), the last
/// everything above. Without bounds, the column's minimum and maximum are asked first.
///
/// The column must be an integer (`smallint`, `integer`, `bigint`), `date` or `timestamp[tz]`
/// column. Bounds are ``Value/int(_:)``, ``Value/date(_:)``, ``Value/timestamp(_:)`` or text
/// (`"2026-01-01"`) of the column's kind.
public struct PostgresPartitioning: Sendable, Equatable {
    public var column: String
    public var partitionCount: Int
    public var lowerBound: Value?
    public var upperBound: Value?

    /// At most this many parallel ranges (each is a server connection and backend process).
    public static let maximumPartitionCount = 64

    public init(column: String, partitionCount: Int, lowerBound: Value? = nil, upperBound: Value? = nil) {
        self.column = column
        self.partitionCount = partitionCount
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }
}
