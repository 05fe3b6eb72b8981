import SluiceCore

/// The input rows an expression is evaluated on: a batch's columns, or the rows of one that a
/// CASE branch, COALESCE argument or AND/OR operand still needs. Columns the expression does
/// not read are left out (nil) when rows are taken, so narrowing costs only what is used.
struct EvaluationFrame {
    var columns: [Column?]
    var count: Int

    init(batch: RecordBatch) {
        columns = batch.columns
        count = batch.count
    }

    init(columns: [Column?], count: Int) {
        self.columns = columns
        self.count = count
    }

    /// Input column `index`, checked against the type the binder expects.
    func column(_ index: Int, type: DataType, name: String) throws(SluiceError) -> Column {
        guard index >= 0, index < columns.count, let column = columns[index] else {
            throw SluiceError.internal(
                "Column #\(index) ('\(name)') is not in the evaluation input of \(columns.count) columns.", domain: .query)
        }
        guard column.type == type else {
            throw SluiceError.internal(
                "Column #\(index) ('\(name)') is \(column.type) but the expression expects \(type).", domain: .query)
        }
        return column
    }

    /// The rows at `indices` of the columns in `needed`.
    func taking(_ indices: [Int32], needed: Set<Int>) -> EvaluationFrame {
        var taken: [Column?] = Array(repeating: nil, count: columns.count)
        for index in needed where index >= 0 && index < columns.count {
            taken[index] = columns[index]?.take(indices)
        }
        return EvaluationFrame(columns: taken, count: indices.count)
    }
}

extension BoundExpression {
    /// The input columns this expression reads.
    var referencedColumns: Set<Int> {
        var result = Set<Int>()
        collectColumns(into: &result)
        return result
    }

    private func collectColumns(into result: inout Set<Int>) {
        switch self {
        case .column(let index, _, _): result.insert(index)
        case .literal: break
        case .call(_, let arguments), .and(let arguments), .or(let arguments), .coalesce(let arguments, _):
            for argument in arguments { argument.collectColumns(into: &result) }
        case .cast(let inner, _, _), .not(let inner), .isNull(let inner, _), .field(let inner, _, _):
            inner.collectColumns(into: &result)
        case .caseWhen(let whens, let elseResult, _):
            for when in whens {
                when.condition.collectColumns(into: &result)
                when.result.collectColumns(into: &result)
            }
            elseResult?.collectColumns(into: &result)
        case .inList(let value, let list, _):
            value.collectColumns(into: &result)
            for item in list { item.collectColumns(into: &result) }
        case .like(let value, let pattern, let escape, _):
            value.collectColumns(into: &result)
            pattern.collectColumns(into: &result)
            escape?.collectColumns(into: &result)
        }
    }

    /// The constant value when this is a literal.
    var literalValue: Value? {
        if case .literal(let value, _) = self { return value }
        return nil
    }
}
