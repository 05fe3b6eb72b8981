public import SluiceCore

/// One window function of a window operator: what it computes, on which input column, over
/// which frame, and its result type. The operator appends one column per call.
public struct WindowCall: Sendable {
    public enum Function: Sendable {
        case rowNumber, rank, denseRank
        /// `lag(x, offset, default)`: the value `offset` rows before in the partition's order.
        case lag(offset: Int, defaultValue: Value)
        /// `lead(x, offset, default)`: the value `offset` rows after.
        case lead(offset: Int, defaultValue: Value)
        case firstValue, lastValue
        /// An aggregate over the frame.
        case aggregate(AggregateKind)
    }

    public var function: Function
    /// Input column (nil for `row_number`, `rank`, `dense_rank`, `count(*)`).
    public var input: Int?
    public var frame: WindowFrameBounds
    public var resultType: DataType
    /// Output column name.
    public var name: String

    public init(function: Function, input: Int?, frame: WindowFrameBounds, resultType: DataType, name: String) {
        self.function = function
        self.input = input
        self.frame = frame
        self.resultType = resultType
        self.name = name
    }
}

/// The rows a window aggregate sees around the current row. SQL's default is
/// `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (peers of the current row included)
/// when the window has an `ORDER BY`, and the whole partition when it has none.
public struct WindowFrameBounds: Sendable, Equatable {
    public enum Unit: Sendable, Equatable { case rows, range }
    public enum Bound: Sendable, Equatable {
        case unboundedPreceding
        case preceding(Int)
        case currentRow
        case following(Int)
        case unboundedFollowing
    }

    public var unit: Unit
    public var start: Bound
    public var end: Bound

    public init(unit: Unit, start: Bound, end: Bound) {
        self.unit = unit
        self.start = start
        self.end = end
    }

    public static let wholePartition = WindowFrameBounds(unit: .rows, start: .unboundedPreceding, end: .unboundedFollowing)
    public static let runningWithPeers = WindowFrameBounds(unit: .range, start: .unboundedPreceding, end: .currentRow)
}
