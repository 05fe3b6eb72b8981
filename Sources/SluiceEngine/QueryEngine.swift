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
        return QueryResult(schema: stream.schema, batches: batches)
    }

    /// Starts one statement; its rows arrive batch by batch from the returned reader.
    public func start(_ sql: String) throws(SluiceError) -> QueryStream {
        let statement = try SQLParser.parse(sql)
        let planner = PhysicalPlanner(options: options)
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
            return QueryStream(root: root)
        case .plan:
            return QueryStream(explanation: PlanExplanation.lines(of: root))
        case .analyze:
            let clock = ContinuousClock()
            let started = clock.now
            var rows = 0
            while let batch = try root.next() { rows += batch.count }
            let elapsed = clock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            return QueryStream(explanation: PlanExplanation.lines(of: root)
                + ["", "rows=\(rows) elapsed=\(Int(milliseconds.rounded())) ms"])
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

    init(root: any PhysicalOperator) {
        self.root = root
        schema = root.schema
        isExplanation = false
        pending = []
    }

    init(explanation lines: [String]) {
        root = nil
        isExplanation = true
        schema = Schema([Field("plan", .string, isNullable: false)])
        let builder = ColumnBuilder(type: .string, capacity: lines.count)
        for line in lines { try? builder.append(value: .string(line)) }
        pending = (try? [RecordBatch(schema: schema, columns: [builder.finish()])]) ?? []
    }

    public func next() throws(SluiceError) -> RecordBatch? {
        if let root { return try root.next() }
        return pending.popLast()
    }
}

/// Settings of a query run.
public struct QueryOptions: Sendable {
    /// Worker threads for scans, aggregation, joins and sorts.
    public var threads: Int
    /// Folder that `s3://bucket/key` URIs resolve into (`<lakeRoot>/bucket/key`); nil: they are refused.
    public var lakeRoot: String?

    public init(threads: Int = ProcessorCount.active, lakeRoot: String? = nil) {
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
