public import SluiceCore

/// A node of a running query plan: pulled by its parent, it returns batches of ``schema``
/// until it returns nil. One operator is driven by one thread at a time; parallel work runs
/// several copies ("lanes") of a pipeline, and the operators that gather lanes take an
/// array of inputs and drive each on its own thread.
public protocol PhysicalOperator: AnyObject {
    var schema: Schema { get }
    /// The next batch (never empty unless the whole result is), or nil at the end.
    func next() throws(SluiceError) -> RecordBatch?
    /// One line for `EXPLAIN`, e.g. `HashAggregate keys=[#0, #2] aggregates=[sum(#3)]`.
    var explainLine: String { get }
    /// The inputs, for `EXPLAIN` (lanes of one pipeline are shown once).
    var children: [any PhysicalOperator] { get }
}

/// A sort key: input column, direction and where nulls go.
public struct SortKey: Sendable, Hashable {
    public var column: Int
    public var isAscending: Bool
    public var nullsFirst: Bool

    /// Nulls last by default, whatever the direction (as Trino and DuckDB do).
    public init(column: Int, isAscending: Bool = true, nullsFirst: Bool = false) {
        self.column = column
        self.isAscending = isAscending
        self.nullsFirst = nullsFirst
    }
}

/// The join types the join operators implement. Output columns are left's then right's,
/// except semi and anti joins, which output left's only.
public enum JoinType: String, Sendable {
    case inner, left, right, full
    /// Left rows with at least one match (`EXISTS`, `IN (subquery)`).
    case leftSemi
    /// Left rows with no match (`NOT EXISTS`).
    case leftAnti
    /// `NOT IN (subquery)`: like anti, but when the right side holds a null key no row
    /// qualifies, and a left row with a null key qualifies only when the right side is empty.
    case leftAntiNullAware
}

/// A filter on candidate joined rows (left columns then right columns), evaluated after key
/// equality: returns a boolean column (null counts as false).
public typealias JoinFilter = @Sendable (RecordBatch) throws(SluiceError) -> Column

/// Aggregate functions the aggregation and window operators compute.
public enum AggregateKind: String, Sendable, CaseIterable {
    /// `count(*)`: rows, no input column.
    case countStar = "count_star"
    /// `count(x)`: non-null values.
    case count
    case sum, avg, min, max
    /// HyperLogLog estimate of distinct non-null values (standard error about 2.3%, as Trino).
    case approxDistinct = "approx_distinct"
    /// Any one non-null value of the group.
    case arbitrary
    /// `bool_and` / `every`, `bool_or`.
    case boolAnd = "bool_and", boolOr = "bool_or"
}

/// One aggregate of a hash aggregation or window: function, input column (nil for
/// `count(*)`), whether it counts distinct values only, and its result type.
public struct AggregateCall: Sendable {
    public var kind: AggregateKind
    public var input: Int?
    public var isDistinct: Bool
    public var resultType: DataType
    /// Output column name, e.g. `sum(amount)`.
    public var name: String

    public init(kind: AggregateKind, input: Int?, isDistinct: Bool = false, resultType: DataType, name: String) {
        self.kind = kind
        self.input = input
        self.isDistinct = isDistinct
        self.resultType = resultType
        self.name = name
    }
}
