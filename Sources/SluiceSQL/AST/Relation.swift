/// Something rows come from in a `FROM` clause.
public indirect enum Relation: Sendable {
    /// `orders`, `sales.orders [AS o [(a, b)]]`.
    case table(QualifiedName, alias: TableAlias?)
    /// A table function: `read_parquet('s3://lake/orders/') [AS o]`.
    case function(name: QualifiedName, arguments: [Expression], alias: TableAlias?, span: SourceSpan)
    /// `(SELECT …) [AS] alias [(a, b)]`.
    case subquery(Query, alias: TableAlias?, span: SourceSpan)
    /// `UNNEST(array, …) [WITH ORDINALITY] [AS] t (x, …)`.
    case unnest(arguments: [Expression], withOrdinality: Bool, alias: TableAlias?, span: SourceSpan)
    case join(Join)

    public var span: SourceSpan {
        switch self {
        case .table(let name, let alias): alias.map { name.span.union($0.span) } ?? name.span
        case .function(_, _, _, let span), .subquery(_, _, let span), .unnest(_, _, _, let span): span
        case .join(let join): join.span
        }
    }
}

/// `AS name (column, …)` after a relation.
public struct TableAlias: Sendable {
    public var name: Identifier
    /// Renames the relation's columns in order; empty when not written.
    public var columns: [Identifier]
    public var span: SourceSpan

    public init(name: Identifier, columns: [Identifier] = [], span: SourceSpan) {
        self.name = name
        self.columns = columns
        self.span = span
    }
}

/// `left [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN right [ON …|USING (…)]`.
public struct Join: Sendable {
    public enum Kind: String, Sendable {
        case inner = "INNER", left = "LEFT", right = "RIGHT", full = "FULL", cross = "CROSS"
    }

    public enum Criteria: Sendable {
        case on(Expression)
        case using([Identifier])
        /// `NATURAL JOIN`: equality on every column name both sides share.
        case natural
    }

    public var kind: Kind
    public var left: Relation
    public var right: Relation
    /// nil only for `CROSS JOIN`.
    public var criteria: Criteria?
    public var span: SourceSpan

    public init(kind: Kind, left: Relation, right: Relation, criteria: Criteria?, span: SourceSpan) {
        self.kind = kind
        self.left = left
        self.right = right
        self.criteria = criteria
        self.span = span
    }
}
