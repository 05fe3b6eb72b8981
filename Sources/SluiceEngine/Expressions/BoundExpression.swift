public import SluiceCore

/// A scalar expression after binding: names resolved to input column indices, types known,
/// implicit casts made explicit, functions resolved. What the evaluator runs on batches.
public indirect enum BoundExpression: Sendable {
    /// Column `index` of the input batch.
    case column(index: Int, type: DataType, name: String)
    /// A constant of `type` (`.null` of any type).
    case literal(Value, DataType)
    /// A resolved scalar function (operators included: `+`, `=`, `||` …) on its arguments,
    /// which already have the function's parameter types.
    case call(ScalarFunction, [BoundExpression])
    /// `CAST` (`isTry` false: a value that does not convert is an error) or `TRY_CAST`
    /// (it becomes null).
    case cast(BoundExpression, to: DataType, isTry: Bool)
    /// Three-valued `AND` of two or more booleans.
    case and([BoundExpression])
    /// Three-valued `OR` of two or more booleans.
    case or([BoundExpression])
    case not(BoundExpression)
    /// `x IS NULL` / `x IS NOT NULL`.
    case isNull(BoundExpression, isNegated: Bool)
    /// Searched `CASE`: the first true condition's result, else `elseResult` (null when nil).
    /// Results only evaluate for the rows that take them (so `CASE WHEN b <> 0 THEN a / b END`
    /// never divides by zero).
    case caseWhen([BoundWhen], elseResult: BoundExpression?, type: DataType)
    /// First non-null argument; later arguments only evaluate where earlier ones are null.
    case coalesce([BoundExpression], type: DataType)
    /// `x [NOT] IN (list)` with SQL null semantics; the list has x's type.
    case inList(BoundExpression, [BoundExpression], isNegated: Bool)
    /// `x [NOT] LIKE pattern [ESCAPE e]`.
    case like(BoundExpression, pattern: BoundExpression, escape: BoundExpression?, isNegated: Bool)
    /// Field `fieldIndex` of a struct value (null where the struct is null).
    case field(BoundExpression, fieldIndex: Int, type: DataType)

    /// The type of the values this expression produces.
    public var type: DataType {
        switch self {
        case .column(_, let type, _), .literal(_, let type): type
        case .call(let function, _): function.returnType
        case .cast(_, let type, _): type
        case .and, .or, .not, .isNull, .inList, .like: .boolean
        case .caseWhen(_, _, let type), .coalesce(_, let type), .field(_, _, let type): type
        }
    }
}

/// One `WHEN condition THEN result` of a bound `CASE`.
public struct BoundWhen: Sendable {
    public var condition: BoundExpression
    public var result: BoundExpression

    public init(condition: BoundExpression, result: BoundExpression) {
        self.condition = condition
        self.result = result
    }
}

/// A scalar function resolved for particular argument types: its name (as plans print it),
/// the types it takes and returns, and the kernel that computes it on whole columns.
public struct ScalarFunction: Sendable {
    /// What plans and errors call it: `+`, `lower`, `date_trunc`.
    public var name: String
    public var argumentTypes: [DataType]
    public var returnType: DataType
    /// True when the same arguments always give the same result (constant folding may run it
    /// at plan time); false for `random()`, `now()`.
    public var isDeterministic: Bool
    /// Computes the function on columns of `argumentTypes` (all `rowCount` long), returning a
    /// column of `returnType` and `rowCount` values.
    public var kernel: @Sendable (_ arguments: [Column], _ rowCount: Int) throws(SluiceError) -> Column

    public init(name: String, argumentTypes: [DataType], returnType: DataType, isDeterministic: Bool = true,
                kernel: @escaping @Sendable (_ arguments: [Column], _ rowCount: Int) throws(SluiceError) -> Column) {
        self.name = name
        self.argumentTypes = argumentTypes
        self.returnType = returnType
        self.isDeterministic = isDeterministic
        self.kernel = kernel
    }
}
