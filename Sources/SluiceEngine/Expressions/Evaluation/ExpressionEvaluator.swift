public import SluiceCore

/// Evaluates bound expressions on record batches, a whole column at a time.
///
/// Every ``BoundExpression`` case runs as a vectorized kernel over the column buffers; nulls
/// travel in validity bitmaps. CASE, COALESCE, AND, OR and `if` evaluate an operand only on
/// the rows that still need it (rows are taken, evaluated and scattered back), so
/// `CASE WHEN b <> 0 THEN a / b END` and `b <> 0 AND a / b > 1` never divide by zero.
public enum ExpressionEvaluator {
    /// Evaluates `expression` on every row of `batch`; the result has `batch.count` values of `expression.type`.
    public static func evaluate(_ expression: BoundExpression, on batch: RecordBatch) throws(SluiceError) -> Column {
        try evaluate(expression, in: EvaluationFrame(batch: batch))
    }

    /// Evaluates a boolean predicate to a selection: indices of rows where it is true (null = false).
    public static func select(_ predicate: BoundExpression, on batch: RecordBatch) throws(SluiceError) -> [Int32] {
        guard predicate.type == .boolean else {
            throw SluiceError.internal("A filter predicate must be boolean, not \(predicate.type).", domain: .query)
        }
        let column = try evaluate(predicate, on: batch)
        return try trueBits(of: column).setIndices
    }

    /// Evaluates an expression with no column references to one Value (constant folding).
    public static func evaluateConstant(_ expression: BoundExpression) throws(SluiceError) -> Value {
        guard expression.referencedColumns.isEmpty else {
            throw SluiceError.internal("evaluateConstant got an expression that reads input columns.", domain: .query)
        }
        return try evaluate(expression, in: EvaluationFrame(columns: [], count: 1)).value(at: 0)
    }

    /// Rows where a boolean column is true (present and set).
    static func trueBits(of column: Column) throws(SluiceError) -> Bitmap {
        let bits = try column.booleanBits()
        guard let validity = column.validity else { return bits }
        return Bitmap.combine(bits, validity) { $0 & $1 }
    }

    static func evaluate(_ expression: BoundExpression, in frame: EvaluationFrame) throws(SluiceError) -> Column {
        let result: Column
        switch expression {
        case .column(let index, let type, let name):
            return try frame.column(index, type: type, name: name)
        case .literal(let value, let type):
            return try Column.constant(value, type, count: frame.count)
        case .call(let function, let arguments):
            result = try evaluateCall(function, arguments, in: frame)
        case .cast(let inner, let type, let isTry):
            result = try CastKernels.cast(try evaluate(inner, in: frame), to: type, isTry: isTry)
        case .and(let operands):
            result = try evaluateConnective(operands, isAnd: true, in: frame)
        case .or(let operands):
            result = try evaluateConnective(operands, isAnd: false, in: frame)
        case .not(let inner):
            let operand = try evaluate(inner, in: frame)
            let bits = try operand.booleanBits()
            result = Column(type: .boolean, count: operand.count, validity: operand.validity, storage: .boolean(bits.inverted))
        case .isNull(let inner, let isNegated):
            let operand = try evaluate(inner, in: frame)
            let present = operand.validity ?? Bitmap(repeating: true, count: operand.count)
            result = Column(type: .boolean, count: operand.count, validity: nil, storage: .boolean(isNegated ? present : present.inverted))
        case .caseWhen(let whens, let elseResult, let type):
            result = try evaluateCase(whens, elseResult: elseResult, type: type, in: frame)
        case .coalesce(let arguments, let type):
            result = try evaluateCoalesce(arguments, type: type, in: frame)
        case .inList(let value, let list, let isNegated):
            result = try evaluateInList(value, list, isNegated: isNegated, in: frame)
        case .like(let value, let pattern, let escape, let isNegated):
            result = try evaluateLike(value, pattern: pattern, escape: escape, isNegated: isNegated, in: frame)
        case .field(let inner, let fieldIndex, let type):
            let structure = try evaluate(inner, in: frame)
            let children = try structure.structChildren()
            guard fieldIndex >= 0, fieldIndex < children.count else {
                throw SluiceError.internal("Field #\(fieldIndex) is not in \(structure.type).", domain: .query)
            }
            result = children[fieldIndex].addingNulls(structure.validity)
            guard result.type == type else {
                throw SluiceError.internal("Field #\(fieldIndex) of \(structure.type) is not \(type).", domain: .query)
            }
        }
        guard result.count == frame.count else {
            throw SluiceError.internal(
                "An expression of type \(expression.type) gave \(result.count) values for \(frame.count) rows.", domain: .query)
        }
        return result
    }

    /// A function call: arguments first (cast to the parameter types when the binder left a
    /// difference), then the kernel. `if(c, a, b)` is lazy like CASE.
    static func evaluateCall(
        _ function: ScalarFunction, _ arguments: [BoundExpression], in frame: EvaluationFrame
    ) throws(SluiceError) -> Column {
        if function.name == "if", arguments.count == 2 || arguments.count == 3 {
            let when = BoundWhen(condition: arguments[0], result: arguments[1])
            return try evaluateCase([when], elseResult: arguments.count == 3 ? arguments[2] : nil,
                                    type: function.returnType, in: frame)
        }
        var columns: [Column] = []
        columns.reserveCapacity(arguments.count)
        for (index, argument) in arguments.enumerated() {
            var column = try evaluate(argument, in: frame)
            if index < function.argumentTypes.count, column.type != function.argumentTypes[index] {
                column = try CastKernels.cast(column, to: function.argumentTypes[index], isTry: false)
            }
            columns.append(column)
        }
        let result = try function.kernel(columns, frame.count)
        guard result.type == function.returnType else {
            throw SluiceError.internal(
                "Function '\(function.name)' returned \(result.type) instead of \(function.returnType).", domain: .query)
        }
        return result
    }
}
