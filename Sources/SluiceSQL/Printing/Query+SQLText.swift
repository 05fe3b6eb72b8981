extension Statement {
    /// Canonical SQL text of the statement.
    public var sqlText: String {
        switch self {
        case .query(let query): query.sqlText
        case .explain(let inner, let isAnalyze, _): (isAnalyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + inner.sqlText
        }
    }
}

extension Query {
    /// Canonical SQL text on one line, e.g. `SELECT a, count(*) FROM t GROUP BY a ORDER BY 2 DESC LIMIT 10`.
    public var sqlText: String {
        var text = ""
        if !with.isEmpty {
            text = "WITH " + with.map { table in
                var entry = SQLText.identifier(table.name)
                if let columns = table.columnNames { entry += " (" + columns.map(SQLText.identifier).joined(separator: ", ") + ")" }
                return entry + " AS (" + table.query.sqlText + ")"
            }.joined(separator: ", ") + " "
        }
        text += body.sqlText
        if !orderBy.isEmpty { text += " ORDER BY " + SQLText.orderBy(orderBy) }
        if let offset { text += " OFFSET " + offset.sqlText }
        if let limit { text += " LIMIT " + limit.sqlText }
        return text
    }
}

extension QueryBody {
    /// SELECT …, VALUES …, a set operation, or `(query)`.
    public var sqlText: String {
        switch self {
        case .select(let select): select.sqlText
        case .values(let rows, _): "VALUES " + rows.map { "(" + SQLText.list($0) + ")" }.joined(separator: ", ")
        case .nested(let query): "(" + query.sqlText + ")"
        case .setOperation(let operation): operation.sqlText
        }
    }

    /// INTERSECT binds tighter than UNION and EXCEPT; plain bodies tightest of all.
    fileprivate var setPrecedence: Int {
        guard case .setOperation(let operation) = self else { return 3 }
        return operation.kind == .intersect ? 2 : 1
    }

    fileprivate func text(minimumPrecedence: Int) -> String {
        setPrecedence < minimumPrecedence ? "(" + sqlText + ")" : sqlText
    }
}

extension SetOperation {
    /// `left UNION ALL right`, parenthesising operands where grouping needs it.
    /// Left-deep chains (`… UNION ALL … UNION ALL …`) print in a loop rather than by recursion.
    public var sqlText: String {
        let precedence = kind == .intersect ? 2 : 1
        var rightOperands: [SetOperation] = [self]
        var node = left
        while case .setOperation(let operation) = node, node.setPrecedence == precedence {
            rightOperands.append(operation)
            node = operation.left
        }
        var text = node.text(minimumPrecedence: precedence)
        for operation in rightOperands.reversed() {
            text += " " + operation.kind.rawValue + (operation.isAll ? " ALL " : " ")
                + operation.right.text(minimumPrecedence: precedence + 1)
        }
        return text
    }
}

extension Select {
    /// `SELECT [DISTINCT] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …]`.
    public var sqlText: String {
        var text = isDistinct ? "SELECT DISTINCT " : "SELECT "
        text += items.map { item in
            switch item {
            case .all(let qualifier, _): qualifier.map { SQLText.qualifiedName($0) + ".*" } ?? "*"
            case .expression(let expression, let alias):
                expression.sqlText + (alias.map { " AS " + SQLText.identifier($0) } ?? "")
            }
        }.joined(separator: ", ")
        if !from.isEmpty { text += " FROM " + from.map(\.sqlText).joined(separator: ", ") }
        if let whereClause { text += " WHERE " + whereClause.sqlText }
        if !groupBy.isEmpty { text += " GROUP BY " + SQLText.list(groupBy) }
        if let having { text += " HAVING " + having.sqlText }
        return text
    }
}
