/// `[WITH …] body [ORDER BY …] [LIMIT n] [OFFSET n]`.
public struct Query: Sendable {
    public var with: [CommonTableExpression]
    public var body: QueryBody
    public var orderBy: [OrderByItem]
    /// `LIMIT n` or `FETCH FIRST n ROWS ONLY`; nil for none or `LIMIT ALL`.
    public var limit: Expression?
    /// `OFFSET n [ROWS]`.
    public var offset: Expression?
    public var span: SourceSpan

    public init(with: [CommonTableExpression] = [], body: QueryBody, orderBy: [OrderByItem] = [],
                limit: Expression? = nil, offset: Expression? = nil, span: SourceSpan) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
        self.offset = offset
        self.span = span
    }
}

/// `name [(column, …)] AS (query)` in a `WITH` clause.
public struct CommonTableExpression: Sendable {
    public var name: Identifier
    public var columnNames: [Identifier]?
    public var query: Query
    public var span: SourceSpan

    public init(name: Identifier, columnNames: [Identifier]?, query: Query, span: SourceSpan) {
        self.name = name
        self.columnNames = columnNames
        self.query = query
        self.span = span
    }
}

/// What produces a query's rows before ordering and limits.
public indirect enum QueryBody: Sendable {
    case select(Select)
    /// `VALUES (1, 'a'), (2, 'b')`: one expression list per row.
    case values([[Expression]], span: SourceSpan)
    /// A parenthesised query with its own `ORDER BY`/`LIMIT`.
    case nested(Query)
    case setOperation(SetOperation)
}

/// `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right`.
public struct SetOperation: Sendable {
    public enum Kind: String, Sendable { case union = "UNION", intersect = "INTERSECT", except = "EXCEPT" }
    public var kind: Kind
    /// `ALL` keeps duplicates; the default (`DISTINCT`) removes them.
    public var isAll: Bool
    public var left: QueryBody
    public var right: QueryBody
    public var span: SourceSpan

    public init(kind: Kind, isAll: Bool, left: QueryBody, right: QueryBody, span: SourceSpan) {
        self.kind = kind
        self.isAll = isAll
        self.left = left
        self.right = right
        self.span = span
    }
}

/// `SELECT [DISTINCT] items [FROM …] [WHERE …] [GROUP BY …] [HAVING …]`.
public struct Select: Sendable {
    public var isDistinct: Bool
    public var items: [SelectItem]
    /// Comma-separated relations (an implicit cross join); empty for `SELECT 1`.
    public var from: [Relation]
    public var whereClause: Expression?
    /// Expressions or ordinals (`GROUP BY 1, 2`), as written.
    public var groupBy: [Expression]
    public var having: Expression?
    public var span: SourceSpan

    public init(isDistinct: Bool = false, items: [SelectItem], from: [Relation] = [], whereClause: Expression? = nil,
                groupBy: [Expression] = [], having: Expression? = nil, span: SourceSpan) {
        self.isDistinct = isDistinct
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.span = span
    }
}

/// One entry of a select list.
public enum SelectItem: Sendable {
    /// `*` or `t.*`.
    case all(qualifier: QualifiedName?, span: SourceSpan)
    /// `expression [AS alias]`.
    case expression(Expression, alias: Identifier?)
}

/// `expression [ASC|DESC] [NULLS FIRST|LAST]`.
public struct OrderByItem: Sendable {
    public var expression: Expression
    public var isAscending: Bool
    /// nil when not written (the engine's default: nulls last).
    public var nullsFirst: Bool?
    public var span: SourceSpan

    public init(expression: Expression, isAscending: Bool = true, nullsFirst: Bool? = nil, span: SourceSpan) {
        self.expression = expression
        self.isAscending = isAscending
        self.nullsFirst = nullsFirst
        self.span = span
    }
}
