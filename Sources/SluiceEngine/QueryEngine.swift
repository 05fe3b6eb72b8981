public import SluiceCore

/// Runs SQL over the lake: parse, bind, optimize, execute. The door into the engine for the
/// CLI, jobs, crawlers and the server.
public final class QueryEngine: Sendable {
    public let options: QueryOptions

    public init(options: QueryOptions = QueryOptions()) {
        self.options = options
    }

    /// Runs one statement and collects its result.
    public func execute(_ sql: String) throws(SluiceError) -> QueryResult {
        throw SluiceError(domain: .query, code: "query.unsupported", message: "The query engine is being built.")
    }
}

/// Settings of a query run.
public struct QueryOptions: Sendable {
    /// Worker threads for scans, aggregation, joins and sorts.
    public var threads: Int
    /// Folder that `s3://bucket/key` URIs resolve into (`<lakeRoot>/bucket/key`); nil: they are refused.
    public var lakeRoot: String?

    public init(threads: Int = 2, lakeRoot: String? = nil) {
        self.threads = threads
        self.lakeRoot = lakeRoot
    }
}

/// A query's answer: its columns and every row, in batches.
public struct QueryResult: Sendable {
    public let schema: Schema
    public let batches: [RecordBatch]

    public init(schema: Schema, batches: [RecordBatch]) {
        self.schema = schema
        self.batches = batches
    }

    public var rowCount: Int { batches.reduce(0) { $0 + $1.count } }
    /// Every row boxed (tests and edges).
    public var rows: [[Value]] { batches.flatMap(\.rows) }
}
