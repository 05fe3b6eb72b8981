extension Expression {
    /// Canonical SQL text, e.g. `sum(amount)`, `(a + 1) * 2`, `CAST(x AS bigint)`: keywords in
    /// upper case, names as written, parentheses only where precedence needs them. It parses
    /// back to the same tree (`x::t` prints as CAST, special forms as the calls they map to).
    public var sqlText: String { text(minimumPrecedence: 0) }

    /// How tightly the printed form binds (see ``Precedence``).
    var printPrecedence: Int {
        switch kind {
        case .binary(let operation, _, _):
            switch operation {
            case .or: Precedence.or
            case .and: Precedence.and
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: Precedence.predicate
            case .concatenate: Precedence.concatenate
            case .add, .subtract: Precedence.additive
            case .multiply, .divide, .modulo: Precedence.multiplicative
            }
        case .unary(let operation, _): operation == .not ? Precedence.not : Precedence.unary
        case .between, .inList, .inSubquery, .like, .isNull, .isDistinctFrom: Precedence.predicate
        case .literal(.integer(let text)), .literal(.decimal(let text)), .literal(.double(let text)):
            text.hasPrefix("-") ? Precedence.unary : Precedence.postfix
        default: Precedence.postfix
        }
    }

    /// The text, in parentheses when it binds less tightly than `minimumPrecedence`.
    func text(minimumPrecedence: Int) -> String {
        let body = unparenthesizedText
        return printPrecedence < minimumPrecedence ? "(" + body + ")" : body
    }

    private var unparenthesizedText: String {
        switch kind {
        case .identifier(let identifier):
            return SQLText.identifier(identifier)
        case .dereference(let base, let field):
            // `(3).x`: a number right before the dot would swallow it (`3.` is a decimal).
            var baseText = base.text(minimumPrecedence: Precedence.postfix)
            switch base.kind {
            case .literal(.integer), .literal(.decimal), .literal(.double): baseText = "(" + baseText + ")"
            default: break
            }
            return baseText + "." + SQLText.identifier(field)
        case .literal(let literal):
            return Expression.text(of: literal)
        case .unary(let operation, let operand):
            if operation == .not { return "NOT " + operand.text(minimumPrecedence: Precedence.not) }
            let operandText = operand.text(minimumPrecedence: Precedence.unary)
            // `- -x` must not print as `--x`, which would start a comment.
            let needsParentheses = operandText.hasPrefix("-") || operandText.hasPrefix("+")
            return operation.rawValue + (needsParentheses ? "(" + operandText + ")" : operandText)
        case .binary:
            return binaryChainText
        case .function(let call):
            return call.sqlText
        case .cast(let value, let type, let isTry):
            return (isTry ? "TRY_CAST(" : "CAST(") + value.sqlText + " AS \(type))"
        case .caseWhen(let operand, let whens, let elseResult):
            var text = "CASE"
            if let operand { text += " " + operand.sqlText }
            for when in whens { text += " WHEN " + when.condition.sqlText + " THEN " + when.result.sqlText }
            if let elseResult { text += " ELSE " + elseResult.sqlText }
            return text + " END"
        case .between(let value, let low, let high, let isNegated):
            return value.valueText + (isNegated ? " NOT BETWEEN " : " BETWEEN ") + low.valueText + " AND " + high.valueText
        case .inList(let value, let items, let isNegated):
            return value.valueText + (isNegated ? " NOT IN (" : " IN (") + SQLText.list(items) + ")"
        case .inSubquery(let value, let query, let isNegated):
            return value.valueText + (isNegated ? " NOT IN (" : " IN (") + query.sqlText + ")"
        case .exists(let query):
            return "EXISTS (" + query.sqlText + ")"
        case .scalarSubquery(let query):
            return "(" + query.sqlText + ")"
        case .like(let value, let pattern, let escape, let isNegated):
            var text = value.valueText + (isNegated ? " NOT LIKE " : " LIKE ") + pattern.valueText
            if let escape { text += " ESCAPE " + escape.valueText }
            return text
        case .isNull(let value, let isNegated):
            return value.valueText + (isNegated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let left, let right, let isNegated):
            return left.valueText + (isNegated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + right.valueText
        case .element(let base, let index):
            return base.text(minimumPrecedence: Precedence.postfix) + "[" + index.sqlText + "]"
        case .array(let items):
            return "ARRAY[" + SQLText.list(items) + "]"
        case .row(let items):
            return "ROW(" + SQLText.list(items) + ")"
        case .extract(let field, let value):
            return "EXTRACT(" + SQLText.identifier(field) + " FROM " + value.sqlText + ")"
        case .interval(let value, let unit, let toUnit):
            var text = "INTERVAL " + SQLText.string(value) + " " + unit.rawValue
            if let toUnit { text += " TO " + toUnit.rawValue }
            return text
        case .star:
            return "*"
        }
    }

    /// A binary operation and the left-deep chain under it at the same precedence, printed in a
    /// loop: generated SQL holds chains like `a = 1 OR a = 2 OR …` thousands of terms long.
    private var binaryChainText: String {
        let precedence = printPrecedence
        // Comparisons do not chain: their operands are value expressions.
        let operandMinimum = precedence == Precedence.predicate ? Precedence.concatenate : precedence
        var rightOperands: [(BinaryOperator, Expression)] = []
        var node = self
        while case .binary(let operation, let left, let right) = node.kind, node.printPrecedence == precedence {
            rightOperands.append((operation, right))
            node = left
            if precedence == Precedence.predicate { break }
        }
        var text = node.text(minimumPrecedence: operandMinimum)
        for (operation, right) in rightOperands.reversed() {
            // `a OR (b OR c)` needs no parentheses: the grouping of AND, OR and || changes nothing.
            var rightMinimum = max(operandMinimum, precedence + 1)
            if operation.isAssociative, case .binary(operation, _, _) = right.kind { rightMinimum = precedence }
            text += " " + operation.rawValue + " " + right.text(minimumPrecedence: rightMinimum)
        }
        return text
    }

    /// An operand of a predicate: parenthesised unless it is a plain value expression.
    private var valueText: String { text(minimumPrecedence: Precedence.concatenate) }

    static func text(of literal: Literal) -> String {
        switch literal {
        case .null: "NULL"
        case .boolean(let value): value ? "TRUE" : "FALSE"
        case .integer(let text), .decimal(let text), .double(let text): text
        case .string(let value): SQLText.string(value)
        case .typed(let type, let value): type == "X" ? "X" + SQLText.string(value) : type + " " + SQLText.string(value)
        }
    }
}

extension FunctionCall {
    /// The SQL-standard forms without parentheses print bare: `current_date`, not `current_date()`.
    private static let bareNames: Set<String> = ["current_date", "current_time", "current_timestamp", "localtime", "localtimestamp",
                                                 "current_user", "current_catalog", "current_schema", "current_path", "current_role"]

    /// `count(DISTINCT x) FILTER (WHERE …) OVER (…)`.
    public var sqlText: String {
        let nameText = SQLText.qualifiedName(name)
        var text: String
        if arguments.isEmpty, name.parts.count == 1, !name.parts[0].isQuoted,
           FunctionCall.bareNames.contains(name.parts[0].value.lowercased()) {
            text = nameText
        } else {
            text = nameText + "(" + (isDistinct ? "DISTINCT " : "") + SQLText.list(arguments)
            if !orderBy.isEmpty { text += " ORDER BY " + SQLText.orderBy(orderBy) }
            text += ")"
        }
        if let filter { text += " FILTER (WHERE " + filter.sqlText + ")" }
        if ignoresNulls { text += " IGNORE NULLS" }
        if let window { text += " OVER (" + window.sqlText + ")" }
        return text
    }
}

extension WindowSpecification {
    /// The text inside `OVER (…)`.
    public var sqlText: String {
        var parts: [String] = []
        if !partitionBy.isEmpty { parts.append("PARTITION BY " + SQLText.list(partitionBy)) }
        if !orderBy.isEmpty { parts.append("ORDER BY " + SQLText.orderBy(orderBy)) }
        if let frame { parts.append(frame.sqlText) }
        return parts.joined(separator: " ")
    }
}

extension WindowFrame {
    /// `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`.
    public var sqlText: String {
        unit.rawValue + " BETWEEN " + WindowFrame.text(of: start) + " AND " + WindowFrame.text(of: end)
    }

    private static func text(of bound: FrameBound) -> String {
        switch bound {
        case .unboundedPreceding: "UNBOUNDED PRECEDING"
        case .preceding(let offset): offset.text(minimumPrecedence: Precedence.concatenate) + " PRECEDING"
        case .currentRow: "CURRENT ROW"
        case .following(let offset): offset.text(minimumPrecedence: Precedence.concatenate) + " FOLLOWING"
        case .unboundedFollowing: "UNBOUNDED FOLLOWING"
        }
    }
}
