public import SluiceCore
public import SluiceFormats

/// A query as a tree of relational operators after binding: every column reference is an
/// index into the input's schema. The optimizer rewrites it; the physical planner turns it
/// into running operators.
public indirect enum LogicalPlan: Sendable {
    /// Reads `columns` (indices into the table's schema) of a table.
    case scan(LogicalScan)
    /// Rows known at plan time (`VALUES`, `SELECT` without `FROM`, folded subqueries).
    case values(schema: Schema, batches: [RecordBatch])
    case filter(LogicalPlan, predicate: BoundExpression)
    /// One output column per expression, named by `schema`.
    case project(LogicalPlan, expressions: [BoundExpression], schema: Schema)
    /// Groups by key columns and computes aggregates (arguments are input columns).
    case aggregate(LogicalPlan, groupKeys: [Int], aggregates: [AggregateCall], schema: Schema)
    /// Rows of both sides where `condition` (over left then right columns) holds, per `type`.
    case join(LogicalPlan, LogicalPlan, type: JoinType, condition: BoundExpression?, schema: Schema)
    /// Orders rows; with `limit` only the first `offset + limit` are kept (top-N).
    case sort(LogicalPlan, keys: [SortKey], limit: Int?, offset: Int)
    case limit(LogicalPlan, limit: Int?, offset: Int)
    /// Appends one column per window call.
    case window(LogicalPlan, partitionKeys: [Int], orderKeys: [SortKey], calls: [WindowCall], schema: Schema)
    /// Concatenation (`UNION ALL`); field names from the first input.
    case unionAll([LogicalPlan], schema: Schema)
    /// `INTERSECT` / `EXCEPT`, `ALL` or distinct.
    case setOperation(LogicalPlan, LogicalPlan, kind: SetOperationKind, isAll: Bool)
    /// Input columns followed by the elements of each array/map expression (zipped, padded
    /// with nulls), and the 1-based ordinality when asked; rows with empty arrays vanish.
    case unnest(LogicalPlan, arrays: [BoundExpression], withOrdinality: Bool, schema: Schema)

    /// The columns this node produces.
    public var schema: Schema {
        switch self {
        case .scan(let scan): scan.schema
        case .values(let schema, _), .project(_, _, let schema), .aggregate(_, _, _, let schema),
             .join(_, _, _, _, let schema), .window(_, _, _, _, let schema), .unionAll(_, let schema),
             .unnest(_, _, _, let schema):
            schema
        case .filter(let input, _), .sort(let input, _, _, _), .limit(let input, _, _), .setOperation(let input, _, _, _):
            input.schema
        }
    }

    /// The inputs of this node.
    public var inputs: [LogicalPlan] {
        switch self {
        case .scan, .values: []
        case .filter(let input, _), .project(let input, _, _), .aggregate(let input, _, _, _), .sort(let input, _, _, _),
             .limit(let input, _, _), .window(let input, _, _, _, _), .unnest(let input, _, _, _):
            [input]
        case .join(let left, let right, _, _, _), .setOperation(let left, let right, _, _): [left, right]
        case .unionAll(let inputs, _): inputs
        }
    }
}

/// `INTERSECT` or `EXCEPT`.
public enum SetOperationKind: String, Sendable {
    case intersect = "INTERSECT", except = "EXCEPT"
}

/// A scan of some columns of a table, with what the optimizer pushed into it.
public struct LogicalScan: Sendable {
    public var table: any TableSource
    /// Indices into `table.schema`, in output order.
    public var columns: [Int]
    /// Conjuncts over the output columns that only touch partition columns: units whose
    /// partition values fail them are never opened.
    public var partitionFilters: [BoundExpression] = []
    /// A predicate for statistics-based skipping (row groups); rows are still filtered above.
    public var statisticsFilter: ScanPredicate?

    public init(table: any TableSource, columns: [Int]) {
        self.table = table
        self.columns = columns
    }

    public var schema: Schema { Schema(columns.map { table.schema.fields[$0] }) }
}
