public import SluiceCore
public import SluiceFormats
import SluiceSQL

/// Runs SQL over the lake: parse, bind, optimize, execute. The door into the engine for the
/// CLI, jobs, crawlers and the server.
public final class QueryEngine: Sendable {
    public let options: QueryOptions
    public let tables: any TableProvider

    public init(options: QueryOptions = QueryOptions(), tables: any TableProvider = NoTables()) {
        self.options = options
        self.tables = tables
    }

    /// Runs one statement and collects its result.
    public func execute(_ sql: String) throws(SluiceError) -> QueryResult {
        let stream = try start(sql)
        var batches: [RecordBatch] = []
        while let batch = try stream.next() { batches.append(batch) }
        return QueryResult(schema: stream.schema, batches: batches, spilledBytes: stream.spilledBytes)
    }

    /// Starts one statement; its rows arrive batch by batch from the returned reader. The
    /// statement's spill folder goes when the reader returns its last batch, fails, or is dropped.
    public func start(_ sql: String) throws(SluiceError) -> QueryStream {
        let context = ExecutionContext(options: options)
        do throws(SluiceError) {
            return try start(sql, context: context)
        } catch {
            context.close()
            throw error
        }
    }

    private func start(_ sql: String, context: ExecutionContext) throws(SluiceError) -> QueryStream {
        let statement = try SQLParser.parse(sql)
        let planner = PhysicalPlanner(options: options, context: context)
        let binder = Binder(sql: sql, options: options, tables: tables) { plan throws(SluiceError) in
            let root = try planner.single(Optimizer.optimize(plan))
            var batches: [RecordBatch] = []
            while let batch = try root.next() { batches.append(batch) }
            return batches
        }
        let bound = try binder.bind(statement)
        let optimized = Optimizer.optimize(bound.plan)
        let root = try planner.single(optimized)
        switch bound.explain {
        case nil:
            return QueryStream(root: root, context: context)
        case .plan:
            context.close()
            return QueryStream(explanation: PlanExplanation.lines(of: root), context: context)
        case .analyze:
            let clock = ContinuousClock()
            let started = clock.now
            var rows = 0
            while let batch = try root.next() { rows += batch.count }
            let elapsed = clock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            context.close()
            var summary = "rows=\(rows) elapsed=\(Int(milliseconds.rounded())) ms peak_memory=\(ByteSize.text(context.memory.peakReservedBytes))"
            if context.spilledBytes > 0 {
                summary += " spilled=\(ByteSize.text(context.spilledBytes)) in \(context.spillFileCount) files"
            }
            return QueryStream(explanation: PlanExplanation.lines(of: root) + ["", summary], context: context)
        }
    }

    /// The optimized plan of a query, as `EXPLAIN` prints it.
    public func explain(_ sql: String) throws(SluiceError) -> [String] {
        try execute("EXPLAIN " + sql).rows.compactMap { row in
            if case .string(let line) = row.first { return line }
            return nil
        }
    }
}

/// A running query's rows, batch by batch.
public final class QueryStream: BatchReader {
    public let schema: Schema
    /// True for `EXPLAIN`: one `plan` column, one line of text per row.
    public let isExplanation: Bool
    private let root: (any PhysicalOperator)?
    private var pending: [RecordBatch]
    private let context: ExecutionContext

    init(root: any PhysicalOperator, context: ExecutionContext) {
        self.root = root
        self.context = context
        schema = root.schema
        isExplanation = false
        pending = []
    }

    init(explanation lines: [String], context: ExecutionContext) {
        root = nil
        self.context = context
        isExplanation = true
        schema = Schema([Field("plan", .string, isNullable: false)])
        let builder = ColumnBuilder(type: .string, capacity: lines.count)
        for line in lines { try? builder.append(value: .string(line)) }
        pending = (try? [RecordBatch(schema: schema, columns: [builder.finish()])]) ?? []
    }

    deinit { context.close() }

    public func next() throws(SluiceError) -> RecordBatch? {
        guard let root else { return pending.popLast() }
        do throws(SluiceError) {
            guard let batch = try root.next() else {
                context.close()
                return nil
            }
            return batch
        } catch {
            context.close()
            throw error
        }
    }

    /// Bytes the query wrote to its spill folder so far (0 when everything fit in memory).
    public var spilledBytes: Int { context.spilledBytes }
    /// The most bytes the query's operators held at once, as they counted them.
    public var peakMemoryBytes: Int { context.memory.peakReservedBytes }
}

/// Settings of a query run.
public struct QueryOptions: Sendable {
    /// Worker threads for scans, aggregation, joins and sorts.
    public var threads: Int
    /// Folder that `s3://bucket/key` URIs resolve into (`<lakeRoot>/bucket/key`); nil: they are refused.
    public var lakeRoot: String?
    /// Bytes the query's operators may hold at once. Past it, hash aggregations and sorts spill
    /// to disk; hash join build sides and windows fail with an error that says so.
    public var memoryLimitBytes: Int
    /// Folder under which the query makes its spill folder; nil: `$TMPDIR`, else `/tmp`.
    public var spillParentPath: String?

    /// The default memory limit: 80% of the memory the process may use (as DuckDB), leaving
    /// room for what the operators do not count (readers' buffers, output, the allocator).
    public static var defaultMemoryLimitBytes: Int { PhysicalMemory.totalBytes / 5 * 4 }

    /// Smallest memory limit accepted: below it every operator would spill its first batch.
    public static let minimumMemoryLimitBytes = 1_000_000

    public init(
        threads: Int = ProcessorCount.active, lakeRoot: String? = nil,
        memoryLimitBytes: Int = QueryOptions.defaultMemoryLimitBytes, spillParentPath: String? = nil
    ) {
        self.threads = threads
        self.lakeRoot = lakeRoot
        self.memoryLimitBytes = memoryLimitBytes
        self.spillParentPath = spillParentPath
    }
}

/// A query's answer: its columns and every row, in batches.
public struct QueryResult: Sendable {
    public let schema: Schema
    public let batches: [RecordBatch]
    /// Bytes the query wrote to disk because it did not fit its memory limit.
    public let spilledBytes: Int

    public init(schema: Schema, batches: [RecordBatch], spilledBytes: Int = 0) {
        self.schema = schema
        self.batches = batches
        self.spilledBytes = spilledBytes
    }

    public var rowCount: Int { batches.reduce(0) { $0 + $1.count } }
    /// Every row boxed (tests and edges).
    public var rows: [[Value]] { batches.flatMap(\.rows) }
}

/// The text of a running plan: one operator per line, inputs indented below their consumer.
enum PlanExplanation {
    static func lines(of root: any PhysicalOperator) -> [String] {
        var lines: [String] = []
        func visit(_ node: any PhysicalOperator, depth: Int) {
            lines.append(String(repeating: "  ", count: depth) + node.explainLine)
            for child in node.children { visit(child, depth: depth + 1) }
        }
        visit(root, depth: 0)
        return lines
    }
}
