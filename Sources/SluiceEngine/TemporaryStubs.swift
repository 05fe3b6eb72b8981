// TEMPORARY: replaced by the helpers' code on merge.
public import SluiceCore
extension AggregateKind {
    public static func resultType(of kind: AggregateKind, input: DataType?) throws(SluiceError) -> DataType { fatalError() }
}
public final class PhysicalHashAggregate: PhysicalOperator {
    public init(inputs: [any PhysicalOperator], groupKeys: [Int], aggregates: [AggregateCall], threads: Int) throws(SluiceError) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalHashJoin: PhysicalOperator {
    public init(left: [any PhysicalOperator], right: [any PhysicalOperator], leftKeys: [Int], rightKeys: [Int], type: JoinType, filter: JoinFilter?, threads: Int) throws(SluiceError) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalNestedLoopJoin: PhysicalOperator {
    public init(left: [any PhysicalOperator], right: any PhysicalOperator, type: JoinType, filter: JoinFilter?, threads: Int) throws(SluiceError) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalSetOperation: PhysicalOperator {
    public init(left: any PhysicalOperator, right: any PhysicalOperator, kind: SetOperationKind, isAll: Bool) throws(SluiceError) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalSort: PhysicalOperator {
    public init(inputs: [any PhysicalOperator], keys: [SortKey], limit: Int? = nil, offset: Int = 0, threads: Int) throws(SluiceError) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalLimit: PhysicalOperator {
    public init(input: any PhysicalOperator, limit: Int?, offset: Int) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalUnionAll: PhysicalOperator {
    public init(inputs: [any PhysicalOperator]) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
public final class PhysicalWindow: PhysicalOperator {
    public init(inputs: [any PhysicalOperator], partitionKeys: [Int], orderKeys: [SortKey], calls: [WindowCall], threads: Int) throws(SluiceError) { fatalError() }
    public var schema: Schema { fatalError() }
    public func next() throws(SluiceError) -> RecordBatch? { fatalError() }
    public var explainLine: String { fatalError() }
    public var children: [any PhysicalOperator] { fatalError() }
}
