extension Relation {
    /// Canonical SQL text: `orders AS o`, `(SELECT …) AS t (a, b)`, `a LEFT JOIN b ON …`.
    public var sqlText: String {
        switch self {
        case .table(let name, let alias):
            return SQLText.qualifiedName(name) + Relation.text(of: alias)
        case .function(let name, let arguments, let alias, _):
            return SQLText.qualifiedName(name) + "(" + SQLText.list(arguments) + ")" + Relation.text(of: alias)
        case .subquery(let query, let alias, _):
            return "(" + query.sqlText + ")" + Relation.text(of: alias)
        case .unnest(let arguments, let withOrdinality, let alias, _):
            return "UNNEST(" + SQLText.list(arguments) + ")" + (withOrdinality ? " WITH ORDINALITY" : "") + Relation.text(of: alias)
        case .join(let join):
            return join.sqlText
        }
    }

    private static func text(of alias: TableAlias?) -> String {
        guard let alias else { return "" }
        var text = " AS " + SQLText.identifier(alias.name)
        if !alias.columns.isEmpty { text += " (" + alias.columns.map(SQLText.identifier).joined(separator: ", ") + ")" }
        return text
    }
}

extension Join {
    /// `left [NATURAL] KIND JOIN right [ON …|USING (…)]`; a join on the right goes in parentheses.
    public var sqlText: String {
        var rightText = right.sqlText
        if case .join = right { rightText = "(" + rightText + ")" }
        let keyword: String =
            switch kind {
            case .inner: "JOIN"
            case .left: "LEFT JOIN"
            case .right: "RIGHT JOIN"
            case .full: "FULL JOIN"
            case .cross: "CROSS JOIN"
            }
        switch criteria {
        case .natural: return left.sqlText + " NATURAL " + keyword + " " + rightText
        case .on(let condition): return left.sqlText + " " + keyword + " " + rightText + " ON " + condition.sqlText
        case .using(let columns):
            return left.sqlText + " " + keyword + " " + rightText + " USING (" + columns.map(SQLText.identifier).joined(separator: ", ") + ")"
        case nil: return left.sqlText + " " + keyword + " " + rightText
        }
    }
}
