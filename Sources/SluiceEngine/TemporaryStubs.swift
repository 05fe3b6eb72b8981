// TEMPORARY: replaced by the helpers' code on merge.
public import SluiceCore
public enum ExpressionEvaluator {
    public static func evaluate(_ expression: BoundExpression, on batch: RecordBatch) throws(SluiceError) -> Column { fatalError() }
    public static func select(_ predicate: BoundExpression, on batch: RecordBatch) throws(SluiceError) -> [Int32] { fatalError() }
    public static func evaluateConstant(_ expression: BoundExpression) throws(SluiceError) -> Value { fatalError() }
}
public enum FunctionRegistry {
    public static func resolve(_ name: String, argumentTypes: [DataType]) throws(SluiceError) -> ScalarFunction { fatalError() }
    public static func isScalarFunction(_ name: String) -> Bool { fatalError() }
    public static func commonSuperType(_ a: DataType, _ b: DataType) -> DataType? { fatalError() }
    public static func canCast(from: DataType, to: DataType) -> Bool { fatalError() }
    public static func canCoerceImplicitly(from: DataType, to: DataType) -> Bool { fatalError() }
}
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
